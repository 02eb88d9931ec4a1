package dev.poolstress.stress.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JcstressOutputTest {
    private static List<String> sample(String name) throws IOException {
        try (InputStream in = JcstressOutputTest.class.getResourceAsStream("/jcstress-output/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
    }

    @Test
    void shouldReadEveryTestOfAPassingVerboseRun() throws IOException {
        Map<String, TestReport> reports = JcstressOutput.parse(sample("spin-mcs-quick-all-passed.txt"));

        assertEquals(Suite.TESTS.size(), reports.size());
        for (Suite.Test test : Suite.TESTS) {
            TestReport report = reports.get(test.className());
            assertEquals("OK", report.status(), test.className());
            assertTrue(report.failing().isEmpty(), test.className());
        }
        TestReport doubleFree = reports.get("dev.poolstress.stress.debug.DoubleFreeDetectedOnce");
        assertEquals(new Outcome("1", 1_173_542, "Acceptable",
                "the frees serialised: the first put the block back, the s..."), doubleFree.outcomes().get(1));
    }

    @Test
    void shouldReadTerminationOutcomes() throws IOException {
        TestReport storm = JcstressOutput.parse(sample("spin-mcs-quick-all-passed.txt"))
                .get("dev.poolstress.stress.termination.IrqStormTerminates");

        assertEquals(List.of("STALE", "TERMINATED"), storm.outcomes().stream().map(Outcome::id).toList());
        assertEquals(320, storm.outcomes().get(1).samples());
    }

    @Test
    void shouldReadForbiddenOutcomesWithTheirCounts() throws IOException {
        Map<String, TestReport> reports = JcstressOutput.parse(sample("nonatomic-ttas-ownership-failed.txt"));

        TestReport report = reports.get("dev.poolstress.stress.ownership.ConcurrentAllocsNeverShareABlock");
        assertEquals("FAILED", report.status());
        assertEquals(List.of("1", "5"), report.failing().stream().map(Outcome::id).toList());
        assertEquals(13_893, report.failing().get(0).samples());
        assertEquals(14, report.failing().get(1).samples());
    }

    @Test
    void shouldFindNothingInARunThatNeverReachedItsResults() {
        assertTrue(JcstressOutput.parse(List.of("Java Concurrency Stress Tests", "(Results: 2 planned)")).isEmpty());
    }

    @Test
    void shouldSpotAFailureInAProgressLine() {
        assertEquals("a.b.Test", JcstressOutput.failedTest("...... [FAILED] a.b.Test"));
        assertEquals("a.b.Test", JcstressOutput.failedTest(".......... [ERROR] a.b.Test"));
        assertNull(JcstressOutput.failedTest(".......... [OK] a.b.Test"));
        assertNull(JcstressOutput.failedTest("(Results: 18 planned; 14 passed, 4 failed)"));
    }
}
