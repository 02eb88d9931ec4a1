package dev.poolstress.stress.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.poolstress.stress.broken.Catalog;
import dev.poolstress.stress.broken.GiveUpSpinLock;
import dev.poolstress.stress.broken.UnlockedFree;
import dev.poolstress.stress.broken.UntaggedTreiberStack;
import dev.poolstress.stress.debug.DoubleFreeDetectedOnce;
import dev.poolstress.stress.growth.GrowWhileAllocating;
import dev.poolstress.stress.loss.AllocFreeLosesNoBlock;
import dev.poolstress.stress.ownership.ConcurrentAllocsNeverShareABlock;
import dev.poolstress.stress.ownership.PopPushRaceNeverSharesABlock;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class CatalogScoreTest {
    private static final Suite.Test LOSS = Suite.test(AllocFreeLosesNoBlock.class);
    private static final Suite.Test DEBUG = Suite.test(DoubleFreeDetectedOnce.class);
    private static final Suite.Test ABA = Suite.test(PopPushRaceNeverSharesABlock.class);

    private final List<Verdict> verdicts = List.of(
            new Verdict(UnlockedFree.class.getName(), LOSS, Verdict.Status.FORBIDDEN,
                    List.of(new Outcome("4", 7926, "Forbidden", "a freed block vanished")), "", Duration.ofSeconds(17)),
            new Verdict(UnlockedFree.class.getName(), DEBUG, Verdict.Status.FORBIDDEN,
                    List.of(new Outcome("0", 12, "Forbidden", "both frees accepted")), "", Duration.ofSeconds(9),
                    1_000_000),
            new Verdict(UntaggedTreiberStack.class.getName(), ABA, Verdict.Status.OK, List.of(), "",
                    Duration.ofSeconds(20)));

    @Test
    void shouldCreditTheEarliestCatchAndReportTheMisses() {
        String score = CatalogScore.render(List.of(verdicts));

        assertEquals(1, CatalogScore.caught(verdicts));
        assertTrue(score.startsWith("catalog score: 1 of " + Catalog.ENTRIES.size() + " broken strategies caught in "
                + "the run"), score);
        assertTrue(score.matches("(?s).*CAUGHT +UnlockedFree +DoubleFreeDetectedOnce +12 +7926 +1/1 +9s\n.*"), score);
        assertTrue(score.matches("(?s).*MISSED +UntaggedTreiberStack +- +- +- +0/1 +-\n.*"), score);
        assertTrue(score.contains("missed UntaggedTreiberStack: PopPushRaceNeverSharesABlock OK"), score);
        assertTrue(score.contains("missed NonAtomicTtasSpinLock: not run"), score);
    }

    @Test
    void shouldWidenTheCaughtByColumnToItsLongestEntrySoTheFiguresStayAligned() {
        List<List<Verdict>> runs = Stream.of(GrowWhileAllocating.class, ConcurrentAllocsNeverShareABlock.class,
                DoubleFreeDetectedOnce.class).map(test -> List.of(new Verdict(GiveUpSpinLock.class.getName(),
                        Suite.test(test), Verdict.Status.FORBIDDEN, List.of(new Outcome("1", 5, "Forbidden",
                        "owned twice")), "", Duration.ofSeconds(7)))).toList();

        List<String> lines = CatalogScore.render(runs).lines().skip(1)
                .takeWhile(line -> !line.startsWith("  missed")).toList();

        int column = lines.get(0).indexOf("forbidden per million");
        String giveUp = lines.stream().filter(line -> line.contains("GiveUpSpinLock")).findFirst().orElseThrow();
        assertTrue(giveUp.contains("GrowWhileAllocating, ConcurrentAllocsNeverShareABlock, DoubleFreeDetectedOnce "),
                giveUp);
        for (String line : lines) {
            assertTrue(line.length() > column && line.charAt(column - 1) == ' ' && line.charAt(column) != ' ',
                    "the figures start in the header's column " + column + ":\n" + String.join("\n", lines));
        }
    }

    @Test
    void shouldScoreEachEntryByTheRunsThatCaughtIt() {
        List<Verdict> second = List.of(new Verdict(UnlockedFree.class.getName(), LOSS, Verdict.Status.OK, List.of(),
                "", Duration.ofSeconds(20), 1_000_000));

        String score = CatalogScore.render(List.of(verdicts, second));

        assertEquals(0, CatalogScore.caughtInEveryRun(List.of(verdicts, second)));
        assertTrue(score.matches("(?s).*MISSED +UnlockedFree +DoubleFreeDetectedOnce +12 +7926 +1/2 +9s\n.*"), score);
        assertTrue(score.contains("missed UnlockedFree in run 2: AllocFreeLosesNoBlock OK"), score);
    }

    @Test
    void shouldGiveAnInterruptedScoreOnlyTheStrategiesGradedInEveryRun() {
        List<Verdict> cut = List.of(verdicts.get(2));

        List<String> graded = CatalogScore.asVerdictsOfRaced(List.of(verdicts, cut)).stream()
                .map(v -> v.test().simpleName()).toList();

        assertEquals(List.of("UntaggedTreiberStack"), graded);
        assertEquals(List.of(), CatalogScore.asVerdictsOfRaced(List.of()), "no run graded anything");
    }

    @Test
    void shouldTurnTheScoreIntoOneJUnitCasePerBrokenStrategy() {
        List<Verdict> cases = CatalogScore.asVerdicts(List.of(verdicts));

        assertEquals(Catalog.ENTRIES.size(), cases.size());
        assertEquals(Verdict.Status.OK, cases.get(0).status());
        Verdict missed = cases.stream().filter(v -> v.test().simpleName().equals("UntaggedTreiberStack"))
                .findFirst().orElseThrow();
        assertEquals(Verdict.Status.MISSED, missed.status());
        assertEquals("not caught: PopPushRaceNeverSharesABlock OK", missed.summary());
        Verdict notRun = cases.stream().filter(v -> v.test().simpleName().equals("IrqUnsafeSpinLock"))
                .findFirst().orElseThrow();
        assertEquals(Verdict.Status.ERROR, notRun.status());
    }

    @Test
    void shouldReportAMissAsAMissedFailureInJUnitXml() {
        String xml = JUnitXml.render("catalog", Shard.WHOLE, CatalogScore.asVerdicts(List.of(verdicts)));

        assertTrue(xml.contains("name=\"UntaggedTreiberStack\" time=\"20.000\">\n    <failure type=\"MISSED\" "
                + "message=\"not caught: PopPushRaceNeverSharesABlock OK\">"), xml);
        assertTrue(xml.contains("failures=\"1\" errors=\"" + (Catalog.ENTRIES.size() - 2) + "\""), xml);
    }
}
