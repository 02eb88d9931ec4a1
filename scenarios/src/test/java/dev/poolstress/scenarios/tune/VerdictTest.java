package dev.poolstress.scenarios.tune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class VerdictTest {
    /** {@code n} runs around {@code median} pairs/s, each off by up to {@code noise} (a fraction), seeded. */
    private static StrategyResult noisy(String id, double median, double noise, int n, long seed) {
        Random random = new Random(seed);
        long[] pairs = new long[n];
        for (int i = 0; i < n; i++) {
            pairs[i] = Math.round(median * (1 + noise * (2 * random.nextDouble() - 1)));
        }
        return TunerTest.result(id, pairs);
    }

    private static Verdict verdictOf(StrategyResult... results) {
        return Verdict.of(Stream.of(results)
                .sorted(Comparator.comparingDouble((StrategyResult r) -> r.pairsPerSecond().median()).reversed())
                .toList());
    }

    @Test
    void shouldPutClearlySeparatedStrategiesInTwoTiers() {
        Verdict verdict = verdictOf(noisy("slow", 600_000, 0.05, 8, 2), noisy("fast", 1_000_000, 0.05, 8, 1));

        assertEquals(List.of(List.of("fast"), List.of("slow")), verdict.tiers());
        assertEquals("fast", verdict.pick().orElseThrow());
        assertTrue(verdict.overNextTier().orElseThrow().separated());
        assertTrue(verdict.confidence() > 0.99, () -> "confidence " + verdict.confidence());
        assertTrue(verdict.explain("s", "slow", Duration.ofSeconds(10)).startsWith("Pick fast for s: alone in tier 1"),
                verdict.explain("s", "slow", Duration.ofSeconds(10)));
    }

    @Test
    void shouldKeepIdenticalSamplesInOneTierAndSayNothingIsSeparable() {
        Verdict verdict = verdictOf(TunerTest.result("a", 100, 90, 110, 95, 105),
                TunerTest.result("b", 100, 90, 110, 95, 105));

        assertEquals(1, verdict.tiers().size());
        assertFalse(verdict.separable());
        assertFalse(verdict.pickOver().values().iterator().next().separated());
        String text = verdict.explain("s", "b", Duration.ofSeconds(45));
        assertTrue(text.startsWith("Nothing is separable on s in 45 s"), text);
        assertTrue(text.contains("1.00x (") && text.contains("over b, the default lock"), text);
        assertTrue(text.contains("too close for any budget"), text);
    }

    @Test
    void shouldKeepStrategiesWithinTheMarginInOneTierHoweverManyRunsSayThatTheyDiffer() {
        Verdict verdict = verdictOf(noisy("a", 1_000_000, 0.02, 30, 9), noisy("b", 900_000, 0.02, 30, 10));

        Verdict.Versus b = verdict.pickOver().get("b");
        assertTrue(b.ratio().above(1) && b.p() < 1e-6, b::toString); // the rank test and the interval both see it
        assertEquals(List.of(List.of("a", "b")), verdict.tiers());
        assertTrue(Double.isInfinite(verdict.budgetFactor()), () -> "factor " + verdict.budgetFactor());
        assertTrue(verdict.firstTierSettled());
        assertTrue(verdict.explain("s", "b", Duration.ofSeconds(10)).contains("split only beyond 1.2x"),
                verdict.explain("s", "b", Duration.ofSeconds(10)));
    }

    @Test
    void shouldNotSeparateOverlappingFewRunsButSayWhatBudgetMight() {
        Verdict verdict = verdictOf(noisy("a", 1_000_000, 0.3, 3, 7), noisy("b", 700_000, 0.3, 3, 8));

        assertEquals(1, verdict.tiers().size(), verdict::toString);
        String other = verdict.closest().orElseThrow();
        assertTrue(verdict.topTier().contains(other));
        assertTrue(verdict.budgetFactor() > 1 && Double.isFinite(verdict.budgetFactor()),
                () -> "factor " + verdict.budgetFactor());
        assertFalse(verdict.firstTierSettled(), "longer runs might split " + other + " off");
        assertTrue(verdict.explain("s", "x", Duration.ofSeconds(10)).contains("the measurement (a budget of "));
    }

    @Test
    void shouldGroupThreeLevelsIntoThreeTiersAndCompareThePickWithTheDefaultLock() {
        Verdict verdict = verdictOf(noisy("mid-a", 700_000, 0.03, 9, 5), noisy("top", 1_000_000, 0.03, 9, 6),
                noisy("low", 400_000, 0.03, 9, 7), noisy("mid-b", 705_000, 0.03, 9, 8));

        assertEquals(3, verdict.tiers().size(), verdict::toString);
        assertEquals(List.of("low"), verdict.tiers().get(2));
        assertEquals(2, verdict.tierOf("mid-a"));
        assertEquals(2, verdict.tierOf("mid-b"));
        String text = verdict.explain("s", "low", Duration.ofSeconds(10));
        assertTrue(text.contains("low, the default lock"), text);
        assertTrue(verdict.over("low").orElseThrow().ratio().above(1));
    }

    @Test
    void shouldHoldTheTrueRatioInThePicksInterval() {
        Verdict verdict = verdictOf(noisy("fast", 1_500_000, 0.1, 12, 9), noisy("slow", 1_000_000, 0.1, 12, 10));

        Ratio ratio = verdict.overNextTier().orElseThrow().ratio();
        assertTrue(ratio.low() <= 1.5 && 1.5 <= ratio.high(), ratio::toString);
        assertTrue(ratio.low() < ratio.estimate() && ratio.estimate() < ratio.high(), ratio::toString);
    }

    @Test
    void shouldRankNothingWhenNothingWasLossFree() {
        assertTrue(Verdict.of(List.of()).pick().isEmpty());
        assertTrue(Verdict.NONE.explain("s", "x", Duration.ZERO).startsWith("No strategy ran s"));
    }

    @Test
    void shouldGiveTheSameVerdictForTheSameRuns() {
        StrategyResult a = noisy("a", 1_000_000, 0.2, 5, 11);
        StrategyResult b = noisy("b", 950_000, 0.2, 5, 12);
        assertEquals(verdictOf(a, b), verdictOf(a, b));
    }
}
