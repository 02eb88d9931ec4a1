package dev.poolstress.scenarios.cli;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A signal to a real forked tune: the command ends at once with 128 plus the signal's number, its forked JVM ends
 * with it, its temporary result file is gone, and one line says what happened.
 */
class InterruptionIT {
    private static final Path JAR = Path.of("target", "poolstress.jar").toAbsolutePath();

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "SIG{0}")
    @CsvSource({"INT, 130", "TERM, 143"})
    void shouldEndTheForkedJvmsAndRemoveTemporaryFilesOnASignal(String signal, int expectedExit) throws Exception {
        Path err = tmp.resolve("err.txt");
        Process tune = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.io.tmpdir=" + tmp, "-cp", JAR.toString(), Main.class.getName(), "tune", "--scenario",
                "churn", "--strategies", "percpu,spin-tas", "--duration", "5s", "--runs", "3")
                .redirectOutput(tmp.resolve("out.txt").toFile()).redirectError(err.toFile()).start();
        List<ProcessHandle> forks = awaitForks(tune);

        new ProcessBuilder("kill", "-" + signal, String.valueOf(tune.pid())).start().waitFor();

        assertTrue(tune.waitFor(2, TimeUnit.SECONDS), "tune did not end within 2 s of SIG" + signal);
        assertEquals(expectedExit, tune.exitValue());
        for (ProcessHandle fork : forks) {
            fork.onExit().get(2, TimeUnit.SECONDS);
            assertFalse(fork.isAlive(), "forked JVM " + fork.pid() + " outlived tune");
        }
        assertEquals(List.of(), tempFiles().toList(), "temporary files left behind");
        String said = Files.readString(err, StandardCharsets.UTF_8);
        assertTrue(said.contains("poolstress: interrupted; ended 1 forked JVM(s)"), said);
    }

    /** The tune's forked JVMs, once one runs and its temporary result file exists. */
    private List<ProcessHandle> awaitForks(Process tune) {
        await().atMost(Duration.ofSeconds(60)).until(() -> !tune.isAlive()
                || (tune.toHandle().descendants().findAny().isPresent() && tempFiles().findAny().isPresent()));
        assertTrue(tune.isAlive(), "tune ended before it forked");
        return tune.toHandle().descendants().toList();
    }

    private Stream<Path> tempFiles() throws java.io.IOException {
        return Files.list(tmp).filter(p -> p.getFileName().toString().startsWith("poolstress-tune-"));
    }
}
