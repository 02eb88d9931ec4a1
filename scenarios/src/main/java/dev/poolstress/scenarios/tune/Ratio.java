package dev.poolstress.scenarios.tune;

import java.util.Locale;

/**
 * How many times faster one strategy ran than another: the ratio of their median throughputs, with the bootstrap
 * interval that holds the true ratio at the confidence {@link Samples#CONFIDENCE} says.
 */
public record Ratio(double estimate, double low, double high) {
    /** Whether the interval lies wholly above {@code factor}: the first is that much faster, beyond the noise. */
    public boolean above(double factor) {
        return low > factor;
    }

    /** {@code 1.18x (1.07..1.31)}. */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%.2fx (%.2f..%.2f)", estimate, low, high);
    }
}
