package dev.poolstress.scenarios.tune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.poolstress.engine.freelist.Algorithm;
import dev.poolstress.engine.pool.LockStrategies;
import dev.poolstress.engine.pool.StrategyChoice;
import dev.poolstress.scenarios.catalog.Catalog;
import dev.poolstress.scenarios.catalog.Scenario;
import dev.poolstress.scenarios.catalog.ScenarioParser;
import dev.poolstress.scenarios.report.TuneTable;
import dev.poolstress.scenarios.storm.Latency;
import dev.poolstress.scenarios.storm.LeakyFreeStrategy;
import dev.poolstress.scenarios.storm.LossReport;
import dev.poolstress.scenarios.storm.PoolSpec;
import dev.poolstress.scenarios.storm.RoundsStormPlan;
import dev.poolstress.scenarios.storm.Instrumentation;
import dev.poolstress.scenarios.storm.StormLimit;
import dev.poolstress.scenarios.storm.StormResult;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TunerTest {
    @Test
    void shouldRecommendALossFreeStrategyAndNeverALeakyOne() {
        StringWriter progress = new StringWriter();
        TuneResult result = new Tuner(new PrintWriter(progress)).warmups(0).tune(new Catalog().builtIn("nvme-irq"),
                choose(LeakyFreeStrategy.class.getName(), "lockfree"), StormLimit.operations(2000), 1);

        assertEquals(List.of("lockfree"), result.recommended().stream().toList());
        assertEquals(1, result.ranking().size());
        assertEquals("Pick lockfree for nvme-irq: it was the only loss-free strategy.", result.reason());
        assertTrue(result.results().get(0).lost() > 0);
        // one measured and one probed storm after one probed warm-up, per strategy
        assertEquals(6, progress.toString().lines().filter(l -> l.startsWith("[tune] ")).count(),
                progress::toString);
        assertEquals(2, progress.toString().lines().filter(l -> l.contains(" probed  ")).count(),
                progress::toString);
        assertTrue(!result.lossFree());
    }

    @Test
    void shouldWarnWhenTheRoundsAreTooFewForTheRankTestToSeparateAnyTwo() {
        StringWriter tooFew = new StringWriter();
        new Tuner(new PrintWriter(tooFew)).warmups(0).instrumentation(Instrumentation.THROUGHPUT)
                .tune(new Catalog().builtIn("churn"), choose("spin-mcs", "lockfree"), StormLimit.operations(500), 2);
        assertTrue(tooFew.toString().contains("warning: 2 round(s) cannot tell any two of 2 strategies apart at 95% "
                + "confidence; only rounds after them (a budget) or 3 rounds can"), tooFew::toString);

        StringWriter enough = new StringWriter();
        new Tuner(new PrintWriter(enough)).warmups(0).instrumentation(Instrumentation.THROUGHPUT)
                .tune(new Catalog().builtIn("churn"), choose("spin-mcs", "lockfree"), StormLimit.operations(500), 3);
        assertFalse(enough.toString().contains("warning"), enough::toString);
    }

    @Test
    void shouldRejectNoStrategyBeforeRunningAnything() {
        StringWriter progress = new StringWriter();
        assertThrows(IllegalArgumentException.class, () -> new Tuner(new PrintWriter(progress)).tune(
                new Catalog().builtIn("churn"), List.of(), StormLimit.operations(10), 1));
        assertEquals("", progress.toString());
    }

    @Test
    void shouldRefuseToForkAScenarioThatNoForkedJvmCanFindAgain() {
        StringWriter progress = new StringWriter();
        Scenario parsed = new ScenarioParser().parse("{\"name\": \"t\", \"description\": \"d\", \"pools\":"
                + " [{\"size\": 8}]}", "test");

        String message = assertThrows(IllegalArgumentException.class, () -> new Tuner(new PrintWriter(progress))
                .forkEach(true).tune(parsed, choose("percpu"), StormLimit.operations(10), 1)).getMessage();
        assertTrue(message.startsWith("t was parsed from text"), message);
        assertEquals("", progress.toString());
    }

    @Test
    void shouldMeasureTheGivenRoundsWithoutABudgetThenOneProbedStormEach() {
        TuneResult result = new Tuner(new PrintWriter(new StringWriter())).warmups(0)
                .tune(new Catalog().builtIn("nvme-irq"), choose("spin-mcs", "lockfree"),
                        StormLimit.operations(2000), 2);

        assertEquals(2, result.rounds());
        for (StrategyResult r : result.results()) {
            assertEquals(2, r.runs().size());
            assertEquals(0, r.runs().get(0).alloc().count(), "ranked storms read no clock");
            assertEquals(1, r.probed().size());
            assertTrue(r.probed().get(0).alloc().count() > 0, "the probed storm times every alloc");
        }
        assertEquals(List.of("spin-mcs", "lockfree"), result.results().stream().map(StrategyResult::strategy)
                .toList());
        assertEquals(3, result.machine().busyThreads());
        assertTrue(TuneTable.render(result).contains("median of the runs (of two runs: their mean)"),
                TuneTable.render(result));
    }

    @Test
    void shouldShareAPoolShareOfTheThreadsTimeInsideAllocAndFree() {
        Latency calls = new Latency(500, 400, 900, 900, 900, 500);
        StormResult run = new StormResult("x", 1_000_000L, 500, 0, calls, calls, 0, 0, 0, 0, 0, 0, 0, 0,
                new LossReport(0, 0, List.of()));
        StrategyResult r = new StrategyResult("x", List.of(), List.of(run));

        assertEquals(0.5, r.poolShare(1).median(), 1e-9);
        assertEquals(0.25, r.poolShare(2).median(), 1e-9);
        assertEquals(0, r.poolShare(0).median());
    }

    @Test
    void shouldWarnOnlyWhenTheScenarioHasMoreBusyThreadsThanCores() {
        assertTrue(new MachineFit(3, 2).warning("nvme-irq").orElseThrow().contains("3 threads busy"));
        assertTrue(new MachineFit(3, 4).warning("nvme-irq").isEmpty());
        assertEquals(3, MachineFit.of(new Catalog().builtIn("nvme-irq").plan()).busyThreads());
        RoundsStormPlan rounds = new RoundsStormPlan(2, 5, List.of(new PoolSpec("p", 64, 0, 0, 0)), List.of(8),
                Algorithm.STACK, false, 1);
        assertEquals(5, MachineFit.of(rounds).busyThreads());
    }

    @Test
    void shouldStateARoundsScenariosOperationCountInRounds() {
        Catalog catalog = new Catalog();

        assertEquals("3 rounds", catalog.builtIn("dmapool-test").plan().limitText(StormLimit.operations(3)));
        assertEquals("3 ops", catalog.builtIn("nvme-irq").plan().limitText(StormLimit.operations(3)));
        assertEquals("200ms", catalog.builtIn("dmapool-test").plan()
                .limitText(StormLimit.duration(java.time.Duration.ofMillis(200))));
    }

    /** Runs of one second each with the given pair counts. */
    static StrategyResult result(String id, long... pairs) {
        List<StormResult> runs = new ArrayList<>();
        for (long p : pairs) {
            runs.add(new StormResult(id, 1_000_000_000L, p, 0, Latency.NONE, Latency.NONE, 0, 0, 0, 0, 0, 0, 0, 0,
                    new LossReport(0, 0, List.of())));
        }
        return new StrategyResult(id, runs, List.of());
    }

    private static List<StrategyChoice> choose(String... names) {
        return Arrays.stream(names).map(LockStrategies::choose).toList();
    }
}
