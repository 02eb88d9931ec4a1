package dev.poolstress.stress.runner;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.stream.IntStream;

/**
 * One of {@code count} parts of the work, numbered from 1 as CI job matrices number them. The parts are packed by
 * measured durations, longest first onto the part with the least work so far (Graham's LPT rule), where a part pays a
 * jcstress start-up for each strategy it runs at all, so a part keeps few jcstress runs as well as an equal share.
 * Every shard computes the same packing from the same durations, so the parts never overlap.
 */
public record Shard(int index, int count) {
    public static final Shard WHOLE = new Shard(1, 1);
    /** Bazel's test sharding: 0-based index, count, and the file a test touches to say it shards. */
    public static final String BAZEL_INDEX = "TEST_SHARD_INDEX";
    static final String BAZEL_TOTAL = "TEST_TOTAL_SHARDS";
    public static final String BAZEL_STATUS_FILE = "TEST_SHARD_STATUS_FILE";

    public Shard {
        if (count < 1 || index < 1 || index > count) {
            throw new IllegalArgumentException("shard must be I/N with 1 <= I <= N, was " + index + "/" + count);
        }
    }

    /**
     * Parses {@code I/N}.
     *
     * @throws IllegalArgumentException naming the argument and the accepted form, worded to follow the option that
     *                                  gave it
     */
    public static Shard parse(String text) {
        String[] parts = text == null ? new String[0] : text.trim().split("/", -1);
        if (parts.length != 2 || !parts[0].matches("\\d{1,6}") || !parts[1].matches("\\d{1,6}")) {
            throw new IllegalArgumentException("must be I/N with 1 <= I <= N (e.g. 2/4), was '" + text + "'");
        }
        int index = Integer.parseInt(parts[0]);
        int count = Integer.parseInt(parts[1]);
        if (count < 1 || index < 1 || index > count) {
            throw new IllegalArgumentException("must be I/N with 1 <= I <= N (e.g. 2/4), was '" + text + "'");
        }
        return new Shard(index, count);
    }

    /**
     * The shard Bazel asks for in {@code env}, if it sets {@value #BAZEL_TOTAL}.
     *
     * @throws IllegalArgumentException if only one of the two variables is set, or either is malformed
     */
    public static Optional<Shard> fromBazel(Map<String, String> env) {
        String index = env.get(BAZEL_INDEX);
        String total = env.get(BAZEL_TOTAL);
        if (index == null && total == null) {
            return Optional.empty();
        }
        if (index == null || total == null || !index.matches("\\d{1,6}") || !total.matches("\\d{1,6}")
                || Integer.parseInt(index) >= Integer.parseInt(total)) {
            throw new IllegalArgumentException(BAZEL_INDEX + " and " + BAZEL_TOTAL + " must both be set, with 0 <= "
                    + BAZEL_INDEX + " < " + BAZEL_TOTAL + ", were " + index + " and " + total);
        }
        return Optional.of(new Shard(Integer.parseInt(index) + 1, Integer.parseInt(total)));
    }

    /**
     * This shard's part of {@code units}, in their original order: all shards' parts partition the list. Jobs go
     * longest first, and a job's units longest first; a unit joins a shard that already runs its job while that keeps
     * the shard within an equal share of the whole, and otherwise the shard that ends least loaded with it, paying
     * the job's start-up there.
     *
     * @param seconds    each unit's expected duration
     * @param job        which jcstress run a unit belongs to (its strategy and algorithm)
     * @param jobSeconds what a shard pays once for each jcstress run it starts
     */
    public <T> List<T> pack(List<T> units, ToDoubleFunction<T> seconds, Function<T, ?> job, double jobSeconds) {
        Map<Object, Double> jobTotal = new HashMap<>();
        for (T unit : units) {
            jobTotal.merge(job.apply(unit), seconds.applyAsDouble(unit), Double::sum);
        }
        double share = (jobTotal.values().stream().mapToDouble(Double::doubleValue).sum()
                + jobSeconds * jobTotal.size()) / count;
        List<Integer> order = IntStream.range(0, units.size()).boxed()
                .sorted(Comparator.comparingDouble((Integer i) -> -jobTotal.get(job.apply(units.get(i))))
                        .thenComparing(i -> String.valueOf(job.apply(units.get(i))))
                        .thenComparingDouble(i -> -seconds.applyAsDouble(units.get(i)))
                        .thenComparing(i -> i))
                .toList();
        double[] load = new double[count];
        List<Set<Object>> jobs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            jobs.add(new HashSet<>());
        }
        int[] owner = new int[units.size()];
        for (int u : order) {
            T unit = units.get(u);
            Object itsJob = job.apply(unit);
            double d = seconds.applyAsDouble(unit);
            int best = -1;
            for (int s = 0; s < count; s++) {
                if (jobs.get(s).contains(itsJob) && load[s] + d <= share + 1e-9
                        && (best < 0 || load[s] < load[best])) {
                    best = s;
                }
            }
            if (best < 0) {
                double bestLoad = Double.MAX_VALUE;
                for (int s = 0; s < count; s++) {
                    double after = load[s] + d + (jobs.get(s).contains(itsJob) ? 0 : jobSeconds);
                    if (after < bestLoad) {
                        best = s;
                        bestLoad = after;
                    }
                }
            }
            load[best] += d + (jobs.get(best).contains(itsJob) ? 0 : jobSeconds);
            jobs.get(best).add(itsJob);
            owner[u] = best;
        }
        List<T> mine = new ArrayList<>();
        for (int u = 0; u < units.size(); u++) {
            if (owner[u] == index - 1) {
                mine.add(units.get(u));
            }
        }
        return mine;
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }
}
