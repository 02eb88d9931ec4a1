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
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A signal to a real race, after its first strategy's jcstress run finished and while the second one's runs: the
 * command ends within 2 s with 128 plus the signal's number, the jcstress JVMs end with it, the verdict table of the
 * finished strategy is printed, and the requested JUnit XML holds that strategy's verdict, marked incomplete. The
 * same for {@code --catalog}: the score of the broken strategies graded so far, the rest "not run".
 */
class RaceInterruptionIT {
    private static final Path JAR = Path.of("target", "poolstress.jar").toAbsolutePath();

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "SIG{0}")
    @CsvSource({"INT, 130", "TERM, 143"})
    void shouldEndTheForksAndWriteTheFinishedVerdictsMarkedIncomplete(String signal, int expectedExit)
            throws Exception {
        Path out = tmp.resolve("out.txt");
        Path junit = tmp.resolve("junit/race.xml");
        Process race = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", JAR.toString(), Main.class.getName(), "race", "--strategy", "spin-tas", "--strategy",
                "spin-ttas", "--tests", "IrqUsedLockIsIrqSafe", "--junit", junit.toString(), "--report-dir",
                tmp.resolve("reports").toString())
                .redirectOutput(out.toFile()).redirectError(tmp.resolve("err.txt").toFile()).start();
        List<ProcessHandle> forks = awaitSecondJob(race, out);

        new ProcessBuilder("kill", "-" + signal, String.valueOf(race.pid())).start().waitFor();

        assertTrue(race.waitFor(2, TimeUnit.SECONDS), "race did not end within 2 s of SIG" + signal);
        assertEquals(expectedExit, race.exitValue());
        for (ProcessHandle fork : forks) {
            fork.onExit().get(2, TimeUnit.SECONDS);
            assertFalse(fork.isAlive(), "jcstress JVM " + fork.pid() + " outlived race");
        }
        String said = Files.readString(out, StandardCharsets.UTF_8);
        assertTrue(said.matches("(?s).*\\nspin-tas +.*OK.*race: interrupted by a signal: 1 of 2 tests finished.*"),
                said);
        String xml = Files.readString(junit, StandardCharsets.UTF_8);
        assertTrue(xml.contains("<testcase classname=\"race.spin-tas\" name=\"IrqUsedLockIsIrqSafe\""), xml);
        assertFalse(xml.contains("race.spin-ttas"), xml);
        assertTrue(xml.contains("<property name=\"incomplete\" value=\"interrupted by a signal: 1 of 2 tests "
                + "finished; the rest did not run\"/>"), xml);
    }

    @ParameterizedTest(name = "SIG{0}")
    @CsvSource({"TERM, 143"})
    void shouldWriteTheCatalogScoreOfWhatWasGradedMarkedIncomplete(String signal, int expectedExit)
            throws Exception {
        Path out = tmp.resolve("out.txt");
        Path junit = tmp.resolve("junit/catalog.xml");
        Process race = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", JAR.toString(), Main.class.getName(), "race", "--catalog", "--tests", "IrqUsedLockIsIrqSafe",
                "--junit", junit.toString(), "--report-dir", tmp.resolve("reports").toString())
                .redirectOutput(out.toFile()).redirectError(tmp.resolve("err.txt").toFile()).start();
        await().atMost(Duration.ofSeconds(180)).until(() -> !race.isAlive()
                || (Files.readString(out, StandardCharsets.UTF_8).matches("(?s).*\\[1/\\d+\\] [\\w.$]+: .*")
                && race.toHandle().descendants().findAny().isPresent()));
        assertTrue(race.isAlive(), "the catalog ended before its second strategy ran");
        List<ProcessHandle> forks = race.toHandle().descendants().toList();

        new ProcessBuilder("kill", "-" + signal, String.valueOf(race.pid())).start().waitFor();

        assertTrue(race.waitFor(2, TimeUnit.SECONDS), "race --catalog did not end within 2 s of SIG" + signal);
        assertEquals(expectedExit, race.exitValue());
        for (ProcessHandle fork : forks) {
            fork.onExit().get(2, TimeUnit.SECONDS);
            assertFalse(fork.isAlive(), "jcstress JVM " + fork.pid() + " outlived race --catalog");
        }
        String said = Files.readString(out, StandardCharsets.UTF_8);
        assertTrue(said.matches("(?s).*\\ncatalog score: .*race --catalog: interrupted by a signal in catalog run 1 "
                + "of 1 after 1 of \\d+ tests; the rest did not run\\n.*"), said);
        assertTrue(said.contains("not run"), said);
        String xml = Files.readString(junit, StandardCharsets.UTF_8);
        assertEquals(1, xml.split("<testcase classname=\"race.catalog\"", -1).length - 1, xml);
        assertTrue(xml.contains("<property name=\"incomplete\" value=\"interrupted by a signal in catalog run 1"),
                xml);
    }

    /** The second strategy's jcstress JVMs, once the first strategy's run has been graded. */
    private static List<ProcessHandle> awaitSecondJob(Process race, Path out) {
        await().atMost(Duration.ofSeconds(180)).until(() -> !race.isAlive()
                || (Files.readString(out, StandardCharsets.UTF_8).contains("[1/2] spin-tas: all 1 OK")
                && race.toHandle().descendants().findAny().isPresent()));
        assertTrue(race.isAlive(), "race ended before its second strategy ran");
        return race.toHandle().descendants().toList();
    }
}
