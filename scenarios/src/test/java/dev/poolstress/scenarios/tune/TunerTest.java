package dev.poolstress.scenarios.tune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.poolstress.scenarios.catalog.Catalog;
import dev.poolstress.scenarios.storm.Instrumentation;
import dev.poolstress.scenarios.storm.Latency;
import dev.poolstress.scenarios.storm.LeakyFreeStrategy;
import dev.poolstress.scenarios.storm.LossReport;
import dev.poolstress.scenarios.storm.StormLimit;
import dev.poolstress.scenarios.storm.StormResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TunerTest {
    @Test
    void shouldRecommendALossFreeStrategyAndNeverALeakyOne() {
        List<String> progress = new ArrayList<>();
        TuneResult result = new Tuner(progress::add).warmups(0).tune(new Catalog().builtIn("nvme-irq"),
                List.of(LeakyFreeStrategy.class.getName(), "lockfree"), StormLimit.operations(2000), 1);

        assertEquals(List.of("lockfree"), result.recommended().stream().toList());
        assertEquals(1, result.ranking().size());
        assertTrue(result.reason().startsWith("Pick lockfree for nvme-irq"), result.reason());
        assertTrue(result.results().get(0).lost() > 0);
        assertEquals(2, progress.size());
        assertTrue(!result.lossFree());
    }

    @Test
    void shouldRejectAnUnknownStrategyBeforeRunningAnything() {
        List<String> progress = new ArrayList<>();
        assertThrows(IllegalArgumentException.class, () -> new Tuner(progress::add).tune(
                new Catalog().builtIn("churn"), List.of("percpu", "no-such-lock"), StormLimit.operations(10), 1));
        assertTrue(progress.isEmpty());
    }

    @Test
    void shouldSayNoneCanBeRecommendedWhenNoStrategyWasLossFree() {
        String reason = Tuner.reason("s", List.of(), 1);
        assertTrue(reason.startsWith("No strategy ran s"), reason);
    }

    @Test
    void shouldWarnWhenTheRunnerUpOverlapsTheBestAndNotOtherwise() {
        StrategyResult fast = result("fast", 100, 90, 110);
        StrategyResult close = result("close", 95, 85, 105);
        StrategyResult slow = result("slow", 40, 30, 50);

        assertTrue(Tuner.reason("s", List.of(fast, close), 3).contains("measure longer"));
        String clear = Tuner.reason("s", List.of(fast, slow), 3);
        assertTrue(clear.startsWith("Pick fast for s"), clear);
        assertTrue(clear.contains("2.50x slow"), clear);
        assertTrue(!clear.contains("measure longer"), clear);
    }

    @Test
    void shouldNameTheTiedRunnerUpOnlyWhenItsRunsOverlapThePick() {
        StrategyResult fast = result("fast", 100, 90, 110);
        StrategyResult close = result("close", 95, 85, 105);
        StrategyResult slow = result("slow", 40, 30, 50);

        assertEquals(Optional.of("close"), tuned(fast, close, slow).tiedRunnerUp());
        assertEquals(Optional.empty(), tuned(fast, slow, close).tiedRunnerUp());
        assertEquals(Optional.empty(), tuned(fast).tiedRunnerUp());
    }

    private static TuneResult tuned(StrategyResult... ranking) {
        List<StrategyResult> ranked = List.of(ranking);
        return new TuneResult("s", "t", "l", 3, Instrumentation.FULL, ranked, ranked, Optional.of(ranking[0].strategy()),
                Tuner.reason("s", ranked, 3));
    }

    /** Three runs of one second each with the given pair counts. */
    private static StrategyResult result(String id, long... pairs) {
        List<StormResult> runs = new ArrayList<>();
        for (long p : pairs) {
            runs.add(new StormResult(id, 1_000_000_000L, p, 0, Latency.NONE, Latency.NONE, 0, 0, 0, 0, 0, 0, 0, 0,
                    new LossReport(0, 0, List.of())));
        }
        return new StrategyResult(id, runs);
    }
}
