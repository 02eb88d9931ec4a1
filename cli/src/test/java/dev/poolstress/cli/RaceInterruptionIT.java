package dev.poolstress.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
    private static final Duration WAIT = Duration.ofSeconds(180);

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "SIG{0}")
    @CsvSource({"INT, 130", "TERM, 143"})
    void shouldEndTheForksAndWriteTheFinishedVerdictsMarkedIncomplete(String signal, int expectedExit)
            throws Exception {
        Path junit = tmp.resolve("junit/race.xml");
        ForkedCommand race = start("--strategy", "spin-tas", "--strategy", "spin-ttas", "--tests",
                "IrqUsedLockIsIrqSafe", "--junit", junit.toString());
        List<ProcessHandle> forks = race.awaitForks(race.out, "[1/2] spin-tas: all 1 OK", WAIT);

        race.signalAndAwaitTheEnd(forks, signal, expectedExit);
        String said = race.out();

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
        Path junit = tmp.resolve("junit/catalog.xml");
        ForkedCommand race = start("--catalog", "--tests", "IrqUsedLockIsIrqSafe", "--junit", junit.toString());
        List<ProcessHandle> forks = race.awaitForks(race.out, "[1/", WAIT);

        race.signalAndAwaitTheEnd(forks, signal, expectedExit);
        String said = race.out();

        assertTrue(said.matches("(?s).*\\ncatalog score: .*race --catalog: interrupted by a signal in catalog run 1 "
                + "of 1 after 1 of \\d+ tests; the rest did not run\\n.*"), said);
        assertTrue(said.contains("not run"), said);
        String xml = Files.readString(junit, StandardCharsets.UTF_8);
        assertEquals(1, xml.split("<testcase classname=\"race.catalog\"", -1).length - 1, xml);
        assertTrue(xml.contains("<property name=\"incomplete\" value=\"interrupted by a signal in catalog run 1"),
                xml);
    }

    private ForkedCommand start(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("race", "--report-dir", tmp.resolve("reports").toString()));
        command.addAll(List.of(args));
        return ForkedCommand.start(tmp, command.toArray(String[]::new));
    }
}
