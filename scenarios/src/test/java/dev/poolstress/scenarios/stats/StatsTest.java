package dev.poolstress.scenarios.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class StatsTest {
    @Test
    void shouldTakeTheMedianOfAnEvenCountAsTheMeanOfTheMiddleTwoAndLeaveTheSamplesAlone() {
        assertEquals(2.5, Stats.median(new double[] {4, 1, 3, 2}));
        double[] values = {5, 1, 3};
        assertEquals(3, Stats.median(values));
        assertEquals("[5.0, 1.0, 3.0]", Arrays.toString(values));
        assertEquals(0, Stats.median(new double[0]));
    }

    @Test
    void shouldTakeTheMedianOfLongsExactlyAndLeaveThemAlone() {
        long[] odd = {9, 1_000_000_007L, 3, 7, 5};
        assertEquals(7, Stats.median(odd));
        assertEquals("[9, 1000000007, 3, 7, 5]", Arrays.toString(odd));
        assertEquals(2.5, Stats.median(new long[] {3, 2}));
        long big = 1L << 52;
        assertEquals(big + 0.5, Stats.median(new long[] {big, big + 1}));
        assertEquals(0, Stats.median(new long[0]));
    }

    @Test
    void shouldReadPercentilesByCommonsMathsDefaultEstimateWhateverTheOrder() {
        double[] hundred = new double[100];
        for (int i = 0; i < hundred.length; i++) {
            hundred[i] = 100 - i; // 100 down to 1
        }
        assertEquals(50.5, Stats.percentile(hundred, 50));
        assertEquals(2.525, Stats.percentile(hundred, 2.5), 1e-9);
        assertEquals(100, Stats.percentile(hundred, 100));
        assertEquals(100, hundred[0], "the values are left as they were");
        assertEquals(0, Stats.percentile(new double[0], 50));
    }
}
