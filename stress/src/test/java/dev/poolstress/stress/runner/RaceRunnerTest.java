package dev.poolstress.stress.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.poolstress.engine.freelist.Algorithm;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RaceRunnerTest {
    private static final Suite.Test OWNS = new Suite.Test("t.ownership.Owns", "ownership");
    private static final Suite.Test LOSES = new Suite.Test("t.loss.Loses", "loss");
    private static final Suite.Test STORM = new Suite.Test("t.termination.Storm", "termination");

    private static final List<String> OUTPUT = List.of(
            "...... [FAILED] t.ownership.Owns",
            "RUN RESULTS:",
            "  Failed tests: 1 matching test results.",
            "",
            "...... [FAILED] t.ownership.Owns",
            "",
            "  Results across all configurations:",
            "",
            "  RESULT  SAMPLES     FREQ      EXPECT  DESCRIPTION",
            "       0  842,195   98.38%  Acceptable  serialised",
            "       1   13,893    1.62%   Forbidden  same head",
            "",
            "  All remaining tests: 1 matching test results.",
            "",
            ".......... [OK] t.loss.Loses",
            "",
            "  RESULT  SAMPLES     FREQ      EXPECT  DESCRIPTION",
            "       0  100  100.00%  Acceptable  fine");

    private static List<RaceRunner.Unit> job(Suite.Test... tests) {
        return java.util.Arrays.stream(tests).map(t -> new RaceRunner.Unit("spin-mcs", Algorithm.LEGACY, t)).toList();
    }

    @Test
    void shouldGradeForbiddenPassedAndMissingTests() {
        JcstressRun.Result result = new JcstressRun.Result(OUTPUT, Map.of("t.ownership.Owns", Duration.ofSeconds(7)),
                Map.of(), Map.of(), Duration.ofSeconds(30), false, 1, Path.of("jcstress.log"));

        List<Verdict> verdicts = RaceRunner.grade(job(OWNS, LOSES, STORM), result);

        assertEquals(List.of(Verdict.Status.FORBIDDEN, Verdict.Status.OK, Verdict.Status.NOT_RUN),
                verdicts.stream().map(Verdict::status).toList());
        assertEquals("spin-mcs/legacy", verdicts.get(0).subject());
        assertEquals(13_893, verdicts.get(0).forbidden().get(0).samples());
        assertEquals(Duration.ofSeconds(7), verdicts.get(0).elapsed());
        assertEquals(Duration.ofSeconds(30), verdicts.get(1).elapsed());
        assertEquals(842_195 + 13_893, verdicts.get(0).samples());
    }

    @Test
    void shouldMarkAStalledTestAsAFailureQuotingItsLastProgress() {
        JcstressRun.Stall stall = new JcstressRun.Stall(Duration.ofSeconds(61), "[OK] t.loss.Loses",
                Duration.ofSeconds(75));
        JcstressRun.Result result = new JcstressRun.Result(OUTPUT, Map.of(), Map.of("t.termination.Storm", stall),
                Map.of(), Duration.ofSeconds(90), false, 0, Path.of("jcstress.log"));

        List<Verdict> verdicts = RaceRunner.grade(job(LOSES, STORM), result);

        assertEquals(List.of(Verdict.Status.OK, Verdict.Status.STALLED),
                verdicts.stream().map(Verdict::status).toList());
        assertEquals("no progress for 61s, its fork ended; last progress seen: [OK] t.loss.Loses",
                verdicts.get(1).summary());
        assertEquals(Duration.ofSeconds(75), verdicts.get(1).elapsed());
        assertTrue(verdicts.get(1).caught());
    }

    @Test
    void shouldCountEveryUnreportedTestOfAKilledRunAsTimedOut() {
        JcstressRun.Result result = new JcstressRun.Result(List.of("(Results: 2 planned)"), Map.of(), Map.of(),
                Map.of(), Duration.ofSeconds(300), true, -1, Path.of("jcstress.log"));

        List<Verdict> verdicts = RaceRunner.grade(job(OWNS, LOSES), result);

        assertEquals(List.of(Verdict.Status.TIMEOUT, Verdict.Status.TIMEOUT),
                verdicts.stream().map(Verdict::status).toList());
    }

    @Test
    void shouldShowTheWorstVerdictOfAPropertyInTheTable() {
        Suite.Test otherOwnership = new Suite.Test("t.ownership.Other", "ownership");
        List<Verdict> verdicts = List.of(
                new Verdict("percpu", OWNS, Verdict.Status.OK, List.of(), "", Duration.ZERO),
                new Verdict("percpu", otherOwnership, Verdict.Status.FORBIDDEN, List.of(), "", Duration.ZERO),
                new Verdict("percpu", LOSES, Verdict.Status.ERROR, List.of(), "boom", Duration.ZERO));

        List<String> table = VerdictTable.render(verdicts).lines().toList();

        assertEquals(2, table.size());
        List<String> cells = List.of(table.get(1).trim().split("\\s{2,}"));
        assertEquals(List.of("percpu", "FORBIDDEN seen", "error", "-", "-", "-", "-", "-", "-", "-"), cells);
    }
}
