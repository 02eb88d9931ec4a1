package dev.poolstress.scenarios.tune;

import dev.poolstress.scenarios.stats.Stats;
import java.util.List;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;
import org.apache.commons.math3.stat.inference.MannWhitneyUTest;

/**
 * The tuner's inference over a strategy's runs, the one place it is made: percentile-bootstrap intervals (Efron) of a
 * median and of a ratio of medians, the chance that a strategy has the highest median, and the Mann-Whitney U test,
 * on Apache Commons Math; medians and percentiles are {@link Stats}'. Runs are the samples: each run is one storm's
 * throughput.
 *
 * <p>The bootstrap draws from a generator seeded with a constant, so the same runs always give the same verdict.
 */
public final class Samples {
    /** Two-sided confidence of every interval, and 1 minus the significance of every test. */
    public static final double CONFIDENCE = 0.95;

    private static final int RESAMPLES = 2000;
    private static final long SEED = 0x5eed_d0a1L;

    private Samples() {
    }

    /** A range that holds a true value at {@link #CONFIDENCE}. */
    public record Interval(double low, double high) {
    }

    /** The bootstrap interval of the median of {@code values}; {@code 0..0} for no values. */
    public static Interval medianInterval(double[] values) {
        if (values.length == 0) {
            return new Interval(0, 0);
        }
        RandomGenerator random = new Well19937c(SEED);
        double[] medians = new double[RESAMPLES];
        for (int b = 0; b < RESAMPLES; b++) {
            medians[b] = Stats.median(resample(values, random));
        }
        return bounds(medians);
    }

    /** {@code median(faster) / median(slower)} with its bootstrap interval; infinite where a median is 0. */
    public static Ratio ratioOfMedians(double[] faster, double[] slower) {
        RandomGenerator random = new Well19937c(SEED);
        double[] ratios = new double[RESAMPLES];
        for (int b = 0; b < RESAMPLES; b++) {
            ratios[b] = ratio(Stats.median(resample(faster, random)), Stats.median(resample(slower, random)));
        }
        Interval bounds = bounds(ratios);
        return new Ratio(ratio(Stats.median(faster), Stats.median(slower)), bounds.low(), bounds.high());
    }

    /**
     * Two-sided p-value of the Mann-Whitney U test (normal approximation) that the two sets of runs come from one
     * distribution; 1 when either is empty.
     */
    public static double mannWhitneyP(double[] a, double[] b) {
        if (a.length == 0 || b.length == 0) {
            return 1;
        }
        return new MannWhitneyUTest().mannWhitneyUTest(a, b);
    }

    /**
     * The fewest runs each of two strategies needs before {@link #mannWhitneyP} can fall below {@code significance}
     * at all: the p-value of two sets of {@code n} runs that do not overlap, the strongest evidence {@code n} runs can
     * give, is above it for every smaller {@code n}. Nine comparisons at 95% (ten strategies) need 6.
     */
    public static int runsToSeparate(double significance) {
        if (!(significance > 0 && significance < 1)) {
            throw new IllegalArgumentException("significance must be in (0, 1), was " + significance);
        }
        for (int n = 2; ; n++) {
            double[] low = new double[n];
            double[] high = new double[n];
            for (int i = 0; i < n; i++) {
                low[i] = i;
                high[i] = n + i;
            }
            if (mannWhitneyP(high, low) < significance) {
                return n;
            }
        }
    }

    /** The share of bootstrap resamples, drawn from every group at once, in which group {@code index}'s median is highest. */
    public static double chanceOfHighestMedian(List<double[]> groups, int index) {
        RandomGenerator random = new Well19937c(SEED);
        int wins = 0;
        for (int b = 0; b < RESAMPLES; b++) {
            double mine = Stats.median(resample(groups.get(index), random));
            boolean highest = true;
            for (int g = 0; g < groups.size(); g++) {
                if (g != index && Stats.median(resample(groups.get(g), random)) >= mine) {
                    highest = false;
                }
            }
            wins += highest ? 1 : 0;
        }
        return (double) wins / RESAMPLES;
    }

    private static double ratio(double numerator, double denominator) {
        return denominator == 0 ? Double.POSITIVE_INFINITY : numerator / denominator;
    }

    private static double[] resample(double[] values, RandomGenerator random) {
        double[] drawn = new double[values.length];
        for (int i = 0; i < drawn.length; i++) {
            drawn[i] = values[random.nextInt(values.length)];
        }
        return drawn;
    }

    private static Interval bounds(double[] estimates) {
        double tail = (1 - CONFIDENCE) / 2 * 100;
        return new Interval(Stats.percentile(estimates, tail), Stats.percentile(estimates, 100 - tail));
    }
}
