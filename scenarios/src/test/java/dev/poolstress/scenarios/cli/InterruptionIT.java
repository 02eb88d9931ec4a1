package dev.poolstress.scenarios.cli;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A signal to a real forked run of tune, bench micro (JMH's forks) and the main job (recommend, in its tune): the
 * command ends within 2 s with 128 plus the signal's number, its forked JVMs end with it, no temporary file is left,
 * what had finished is written or printed, marked incomplete, and one line says what happened. Both signals go
 * through the one hook ({@link Interruption}); tune and bench micro are signalled with each, the main job with one.
 */
class InterruptionIT {
    private static final Path JAR = Path.of("target", "poolstress.jar").toAbsolutePath();

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "SIG{0}")
    @CsvSource({"INT, 130", "TERM, 143"})
    void shouldEndTheForkedJvmsAndWriteTheFinishedStormsOnASignal(String signal, int expectedExit) throws Exception {
        Path json = tmp.resolve("report").resolve("tune.json");
        Files.createDirectories(json.getParent());
        Process tune = start("tune", "--scenario", "churn", "--strategies", "percpu,spin-tas", "--duration", "1s",
                "--runs", "3", "--warmups", "0", "--json", json.toString());
        List<ProcessHandle> forks = awaitForks(tune, tmp.resolve("err.txt"), "[tune] churn percpu         run 1");
        assertEquals(2, forks.size(), "forked JVMs");

        String said = signalAndCheckTheEnd(tune, forks, signal, expectedExit);

        assertEquals(1, said.lines().filter(l -> l.startsWith("poolstress: interrupted; ended 2 forked JVM(s)")
                && l.contains("marked incomplete")).count(), said);
        JsonNode report = new ObjectMapper().readTree(json.toFile());
        assertFalse(report.get("complete").asBoolean(), report::toPrettyString);
        assertEquals("percpu", report.get("results").get(0).get("strategy").asText());
        assertTrue(report.get("results").get(0).get("runs").size() >= 1, report::toPrettyString);
        assertEquals(0, report.get("results").get(0).get("lost").asLong());
    }

    @ParameterizedTest(name = "SIG{0}")
    @CsvSource({"INT, 130", "TERM, 143"})
    void shouldEndJmhsForkAndWriteTheFinishedBenchmarksOnASignal(String signal, int expectedExit) throws Exception {
        Path json = tmp.resolve("report").resolve("bench.json");
        Files.createDirectories(json.getParent());
        Process bench = start("bench", "micro", "--quick", "--include", "FloorBenchmark", "--json", json.toString());
        List<ProcessHandle> forks = awaitForks(bench, tmp.resolve("out.txt"), "[bench 2/");
        assertEquals(1, forks.size(), "JMH's forks");

        String said = signalAndCheckTheEnd(bench, forks, signal, expectedExit);

        assertEquals(1, said.lines().filter(l -> l.startsWith("poolstress: interrupted; ended 1 forked JVM(s)")
                && l.contains("marked incomplete")).count(), said);
        JsonNode report = new ObjectMapper().readTree(json.toFile());
        assertTrue(report.get("incomplete").asBoolean(), report::toPrettyString);
        assertTrue(report.get("finished").asInt() >= 1, report::toPrettyString);
        assertTrue(report.get("finished").asInt() < report.get("of").asInt(), report::toPrettyString);
        assertEquals(report.get("finished").asInt(), report.get("benchmarks").size(), report::toPrettyString);
    }

    @ParameterizedTest(name = "SIG{0}")
    @CsvSource({"INT, 130"})
    void shouldEndTheMainJobsForksAndPrintTheFinishedStormsOnASignal(String signal, int expectedExit)
            throws Exception {
        Process recommend = start("recommend", "--scenario", "churn", "--duration", "200ms", "--report-dir",
                tmp.resolve("race").toString());
        List<ProcessHandle> forks = awaitForks(recommend, tmp.resolve("err.txt"), " run 1 ");

        String said = signalAndCheckTheEnd(recommend, forks, signal, expectedExit);

        assertEquals(1, said.lines().filter(l -> l.startsWith("poolstress: interrupted; ended " + forks.size()
                + " forked JVM(s)")).count(), said);
        String out = Files.readString(tmp.resolve("out.txt"), StandardCharsets.UTF_8);
        assertTrue(out.startsWith("INCOMPLETE: the run was cut short"), out);
        assertTrue(out.contains("recommend: interrupted during the tune; no pick was made"), out);
        assertFalse(out.contains("race-free in"), out);
    }

    private Process start(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Djava.io.tmpdir=" + tmp, "-cp", JAR.toString(), Main.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectOutput(tmp.resolve("out.txt").toFile())
                .redirectError(tmp.resolve("err.txt").toFile()).start();
    }

    /** The command's forked JVMs, once {@code log} says that the first of its measured runs has finished. */
    private static List<ProcessHandle> awaitForks(Process command, Path log, String finished) {
        await().atMost(Duration.ofSeconds(90)).until(() -> !command.isAlive()
                || Files.readString(log, StandardCharsets.UTF_8).contains(finished)
                && command.toHandle().descendants().findAny().isPresent());
        assertTrue(command.isAlive(), "the command ended before its first run finished");
        return command.toHandle().descendants().toList();
    }

    /**
     * Signals {@code command}, checks that it and its forks end within 2 s with {@code expectedExit} and that it
     * left nothing in the temporary directory but its output; returns what it said on standard error.
     */
    private String signalAndCheckTheEnd(Process command, List<ProcessHandle> forks, String signal, int expectedExit)
            throws Exception {
        new ProcessBuilder("kill", "-" + signal, String.valueOf(command.pid())).start().waitFor();

        assertTrue(command.waitFor(2, TimeUnit.SECONDS), "the command did not end within 2 s of SIG" + signal);
        assertEquals(expectedExit, command.exitValue());
        for (ProcessHandle fork : forks) {
            fork.onExit().get(2, TimeUnit.SECONDS);
            assertFalse(fork.isAlive(), "forked JVM " + fork.pid() + " outlived the command");
        }
        try (Stream<Path> left = Files.list(tmp)) {
            assertEquals(List.of("err.txt", "out.txt"), left.map(p -> p.getFileName().toString())
                    // JMH's lock file stays in the temporary directory after every run, signalled or not
                    .filter(name -> !List.of("report", "race", "jmh.lock").contains(name)).sorted().toList(),
                    "files left behind");
        }
        String said = Files.readString(tmp.resolve("err.txt"), StandardCharsets.UTF_8);
        assertFalse(said.contains("failed"), said);
        return said;
    }
}
