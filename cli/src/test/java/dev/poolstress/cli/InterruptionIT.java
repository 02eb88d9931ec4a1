package dev.poolstress.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
    private static final Duration WAIT = Duration.ofSeconds(90);

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "SIG{0}")
    @CsvSource({"INT, 130", "TERM, 143"})
    void shouldEndTheForkedJvmsAndWriteTheFinishedStormsOnASignal(String signal, int expectedExit) throws Exception {
        Path json = Files.createDirectories(tmp.resolve("report")).resolve("tune.json");
        ForkedCommand tune = ForkedCommand.start(tmp, "tune", "--scenario", "churn", "--strategies",
                "percpu,spin-tas", "--duration", "1s", "--runs", "3", "--warmups", "0", "--json", json.toString());
        List<ProcessHandle> forks = tune.awaitForks(tune.err, "[tune] churn percpu         run 1", WAIT);
        assertEquals(2, forks.size(), "forked JVMs");

        signalAndCheckTheEnd(tune, forks, signal, expectedExit, "report");

        JsonNode report = new ObjectMapper().readTree(json.toFile());
        assertFalse(report.get("complete").asBoolean(), report::toPrettyString);
        assertEquals("percpu", report.get("results").get(0).get("strategy").asText());
        assertTrue(report.get("results").get(0).get("runs").size() >= 1, report::toPrettyString);
        assertEquals(0, report.get("results").get(0).get("lost").asLong());
    }

    @ParameterizedTest(name = "SIG{0}")
    @CsvSource({"INT, 130", "TERM, 143"})
    void shouldEndJmhsForkAndWriteTheFinishedBenchmarksOnASignal(String signal, int expectedExit) throws Exception {
        Path json = Files.createDirectories(tmp.resolve("report")).resolve("bench.json");
        ForkedCommand bench = ForkedCommand.start(tmp, "bench", "micro", "--quick", "--include", "FloorBenchmark",
                "--json", json.toString());
        List<ProcessHandle> forks = bench.awaitForks(bench.out, "[bench 2/", WAIT);
        assertEquals(1, forks.size(), "JMH's forks");

        // JMH keeps its lock file in the temporary directory after every run, signalled or not
        signalAndCheckTheEnd(bench, forks, signal, expectedExit, "jmh.lock", "report");

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
        ForkedCommand recommend = ForkedCommand.start(tmp, "recommend", "--scenario", "churn", "--duration",
                "200ms", "--report-dir", tmp.resolve("race").toString());
        List<ProcessHandle> forks = recommend.awaitForks(recommend.err, " run 1 ", WAIT);

        signalAndCheckTheEnd(recommend, forks, signal, expectedExit);

        String out = recommend.out();
        assertTrue(out.startsWith("INCOMPLETE: the run was cut short"), out);
        assertTrue(out.contains("recommend: interrupted during the tune; no pick was made"), out);
        assertFalse(out.contains("race-free in"), out);
    }

    /**
     * Signals the command and checks its end, then that it left nothing in the temporary directory but its output and
     * {@code alsoLeft}, and that it said what happened in one line.
     */
    private void signalAndCheckTheEnd(ForkedCommand command, List<ProcessHandle> forks, String signal,
                                      int expectedExit, String... alsoLeft) throws Exception {
        command.signalAndAwaitTheEnd(forks, signal, expectedExit);

        List<String> expected = new ArrayList<>(List.of("err.txt", "out.txt"));
        expected.addAll(List.of(alsoLeft));
        try (Stream<Path> left = Files.list(tmp)) {
            assertEquals(expected.stream().sorted().toList(), left.map(p -> p.getFileName().toString()).sorted()
                    .toList(), "files left behind");
        }
        String said = command.err();
        assertFalse(said.contains("failed"), said);
        assertEquals(1, said.lines().filter(l -> l.startsWith("poolstress: interrupted; ended " + forks.size()
                + " forked JVM(s)") && l.contains("marked incomplete")).count(), said);
    }
}
