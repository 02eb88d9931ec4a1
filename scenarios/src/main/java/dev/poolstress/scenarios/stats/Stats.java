package dev.poolstress.scenarios.stats;

import java.util.Arrays;
import org.apache.commons.math3.stat.descriptive.rank.Median;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;

/**
 * Medians and percentiles, the one place they are computed: Commons Math's {@link Median} and {@link Percentile},
 * its default estimate. The median is the standard one: the middle value, or for an even count the mean of the middle
 * two. Every call leaves its values as they were and gives 0 for no values. Use it wherever a median or a percentile
 * of samples is wanted, rather than sorting and indexing by hand.
 */
public final class Stats {
    private Stats() {
    }

    /** The median of {@code values}; 0 for none. */
    public static double median(double[] values) {
        return values.length == 0 ? 0 : new Median().evaluate(values);
    }

    /**
     * The median of {@code values}; 0 for none. Exact for values below 2<sup>53</sup> in magnitude; for an even count
     * it may end in .5, so a caller that wants a whole number says how to round it.
     */
    public static double median(long[] values) {
        return median(Arrays.stream(values).asDoubleStream().toArray());
    }

    /** The {@code p}-th percentile of {@code values}, {@code 0 < p <= 100}; 0 for none. */
    public static double percentile(double[] values, double p) {
        return values.length == 0 ? 0 : new Percentile().evaluate(values, p);
    }
}
