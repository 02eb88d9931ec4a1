package dev.poolstress.scenarios.tune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.poolstress.scenarios.stats.Stats;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SamplesTest {
    /** {@code n} values around {@code median}, each off by up to {@code noise} (a fraction), seeded. */
    static double[] around(double median, double noise, int n, long seed) {
        Random random = new Random(seed);
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = median * (1 + noise * (2 * random.nextDouble() - 1));
        }
        return values;
    }

    @Test
    void shouldAskForTheFewestRunsWhoseNonOverlappingSetsPassTheRankTest() {
        double tenStrategies = Verdict.significance(10);
        int n = Samples.runsToSeparate(tenStrategies);
        assertEquals(6, n);
        assertTrue(Samples.mannWhitneyP(range(n, n), range(0, n)) < tenStrategies);
        // one run fewer cannot separate even two sets that do not overlap at all
        assertFalse(Samples.mannWhitneyP(range(n - 1, n - 1), range(0, n - 1)) < tenStrategies);
        assertEquals(3, Verdict.roundsToSeparate(2));
    }

    private static double[] range(int from, int n) {
        double[] values = new double[n];
        Arrays.setAll(values, i -> from + i);
        return values;
    }

    @Test
    void shouldHoldTheTrueRatioOfMediansInItsIntervalAboutAsOftenAsItsConfidenceSays() {
        int held = 0;
        int trials = 200;
        for (long seed = 1; seed <= trials; seed++) {
            Ratio ratio = Samples.ratioOfMedians(around(1_500_000, 0.1, 12, seed), around(1_000_000, 0.1, 12, -seed));
            held += ratio.low() <= 1.5 && 1.5 <= ratio.high() ? 1 : 0;
        }
        // the percentile bootstrap covers a little less than its nominal 95% on a dozen runs
        assertTrue(held >= 0.88 * trials, "held in " + held + " of " + trials + " trials");
    }

    @Test
    void shouldPutTheIntervalOfAClearDifferenceAboveOneAndOfNoDifferenceAroundIt() {
        assertTrue(Samples.ratioOfMedians(around(200, 0.05, 8, 1), around(100, 0.05, 8, 2)).above(1));
        double[] same = around(100, 0.2, 8, 3);
        Ratio none = Samples.ratioOfMedians(same, same.clone());
        assertEquals(1, none.estimate());
        assertFalse(none.above(1), none::toString);
        assertTrue(none.high() > 1, none::toString);
    }

    @Test
    void shouldFindSeparatedRunsSignificantAndIdenticalOnesNot() {
        assertTrue(Samples.mannWhitneyP(around(200, 0.05, 8, 4), around(100, 0.05, 8, 5)) < 0.01);
        double[] same = around(100, 0.2, 8, 6);
        assertEquals(1, Samples.mannWhitneyP(same, same.clone()), 1e-9);
        assertEquals(1, Samples.mannWhitneyP(same, new double[0]));
    }

    @Test
    void shouldGiveTheClearlyHighestGroupTheWholeChanceOfHighestMedianAndShareItBetweenEqualOnes() {
        List<double[]> clear = List.of(around(200, 0.05, 8, 7), around(100, 0.05, 8, 8));
        assertEquals(1, Samples.chanceOfHighestMedian(clear, 0));
        assertEquals(0, Samples.chanceOfHighestMedian(clear, 1));
        List<double[]> equal = List.of(around(100, 0.2, 9, 9), around(100, 0.2, 9, 10));
        double first = Samples.chanceOfHighestMedian(equal, 0);
        assertTrue(first > 0.1 && first < 0.9, () -> "chance " + first);
    }

    @Test
    void shouldBracketTheMedianWithItsInterval() {
        double[] values = around(1000, 0.3, 15, 11);
        Samples.Interval interval = Samples.medianInterval(values);
        double median = Stats.median(values);
        assertTrue(interval.low() <= median && median <= interval.high(), interval::toString);
        assertTrue(interval.low() >= Arrays.stream(values).min().orElseThrow());
    }
}
