package dev.poolstress.scenarios.tune;

import java.util.Arrays;
import java.util.function.ToDoubleFunction;
import java.util.List;

/** A measure over several runs: the median, with the smallest and largest run as its spread. */
public record Spread(double median, double min, double max) {
    public static <T> Spread of(List<T> runs, ToDoubleFunction<T> measure) {
        double[] values = runs.stream().mapToDouble(measure).toArray();
        if (values.length == 0) {
            return new Spread(0, 0, 0);
        }
        Arrays.sort(values);
        int n = values.length;
        double median = n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
        return new Spread(median, values[0], values[n - 1]);
    }

    public boolean overlaps(Spread other) {
        return min <= other.max && other.min <= max;
    }
}
