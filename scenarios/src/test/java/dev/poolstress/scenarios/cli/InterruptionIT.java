package dev.poolstress.scenarios.cli;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
 * A signal to a real forked tune: the command ends at once with 128 plus the signal's number, its forked JVMs end
 * with it, no temporary file is left, the JSON report holds the storms that had finished, marked incomplete, and one
 * line says what happened.
 */
class InterruptionIT {
    private static final Path JAR = Path.of("target", "poolstress.jar").toAbsolutePath();

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "SIG{0}")
    @CsvSource({"INT, 130", "TERM, 143"})
    void shouldEndTheForkedJvmsAndWriteTheFinishedStormsOnASignal(String signal, int expectedExit) throws Exception {
        Path err = tmp.resolve("err.txt");
        Path json = tmp.resolve("report").resolve("tune.json");
        Files.createDirectories(json.getParent());
        Process tune = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.io.tmpdir=" + tmp, "-cp", JAR.toString(), Main.class.getName(), "tune", "--scenario",
                "churn", "--strategies", "percpu,spin-tas", "--duration", "1s", "--runs", "3", "--warmups", "0",
                "--json", json.toString())
                .redirectOutput(tmp.resolve("out.txt").toFile()).redirectError(err.toFile()).start();
        List<ProcessHandle> forks = awaitForks(tune, err);

        new ProcessBuilder("kill", "-" + signal, String.valueOf(tune.pid())).start().waitFor();

        assertTrue(tune.waitFor(2, TimeUnit.SECONDS), "tune did not end within 2 s of SIG" + signal);
        assertEquals(expectedExit, tune.exitValue());
        for (ProcessHandle fork : forks) {
            fork.onExit().get(2, TimeUnit.SECONDS);
            assertFalse(fork.isAlive(), "forked JVM " + fork.pid() + " outlived tune");
        }
        try (Stream<Path> left = Files.list(tmp)) {
            assertEquals(List.of("err.txt", "out.txt", "report"), left.map(p -> p.getFileName().toString())
                    .sorted().toList(), "files left behind");
        }
        String said = Files.readString(err, StandardCharsets.UTF_8);
        assertEquals(1, said.lines().filter(l -> l.startsWith("poolstress: interrupted; ended 2 forked JVM(s)")
                && l.contains("marked incomplete")).count(), said);
        assertFalse(said.contains("failed"), said);
        JsonNode report = new ObjectMapper().readTree(json.toFile());
        assertFalse(report.get("complete").asBoolean(), report::toPrettyString);
        assertEquals("percpu", report.get("results").get(0).get("strategy").asText());
        assertTrue(report.get("results").get(0).get("runs").size() >= 1, report::toPrettyString);
        assertEquals(0, report.get("results").get(0).get("lost").asLong());
    }

    /** The tune's two forked JVMs, once the first measured storm has finished. */
    private List<ProcessHandle> awaitForks(Process tune, Path err) {
        await().atMost(Duration.ofSeconds(60)).until(() -> !tune.isAlive()
                || Files.readString(err, StandardCharsets.UTF_8).contains("[tune] churn percpu         run 1"));
        assertTrue(tune.isAlive(), "tune ended before its first storm");
        List<ProcessHandle> forks = tune.toHandle().descendants().toList();
        assertEquals(2, forks.size(), "forked JVMs");
        return forks;
    }
}
