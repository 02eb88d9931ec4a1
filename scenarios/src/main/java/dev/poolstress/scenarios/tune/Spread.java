package dev.poolstress.scenarios.tune;

import dev.poolstress.scenarios.stats.Stats;
import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;

/** A measure over several runs: the median, with the smallest and largest run as its spread. */
public record Spread(double median, double min, double max) {
    public static <T> Spread of(List<T> runs, ToDoubleFunction<T> measure) {
        double[] values = runs.stream().mapToDouble(measure).toArray();
        if (values.length == 0) {
            return new Spread(0, 0, 0);
        }
        return new Spread(Stats.median(values), Arrays.stream(values).min().orElse(0),
                Arrays.stream(values).max().orElse(0));
    }
}
