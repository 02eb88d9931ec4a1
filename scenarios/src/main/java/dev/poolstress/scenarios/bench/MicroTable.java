package dev.poolstress.scenarios.bench;

import dev.poolstress.engine.LockStrategies;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;

/**
 * The table of {@code bench micro}: each benchmark's time per alloc+free pair with its ratio to the floor (the
 * single-threaded {@code long[]} stack) and to {@code ArrayDeque} + {@code ReentrantLock} at the same thread count,
 * and the bytes the JVM allocated per pair ({@code gc.alloc.rate.norm}; zero means the pair allocates nothing).
 * The per-CPU sizing benchmarks are left to {@link MagazineTable}.
 */
final class MicroTable {
    /** A benchmark class's label in the table, in the order the rows are printed. */
    private static final Map<String, String> BASELINES = Map.of(
            "FloorBenchmark", "long[] stack (floor)",
            "LockedDequeBenchmark", "ArrayDeque+ReentrantLock",
            "MpmcQueueBenchmark", "JCTools MpmcArrayQueue",
            "NettyPooledBenchmark", "Netty PooledByteBufAllocator",
            "CommonsPoolBenchmark", "commons-pool2 GenericObjectPool");
    private static final List<String> BASELINE_ORDER = List.of("FloorBenchmark", "LockedDequeBenchmark",
            "MpmcQueueBenchmark", "NettyPooledBenchmark", "CommonsPoolBenchmark");
    private static final String STRATEGIES = "StrategyPairBenchmark";
    private static final String GC_BYTES = "gc.alloc.rate.norm";

    record Row(String benchmark, String label, int order, int threads, double score, double error,
               double gcBytes) {
    }

    private final List<Row> rows;

    MicroTable(Collection<RunResult> results) {
        List<String> strategies = LockStrategies.builtInIds();
        List<Row> collected = new ArrayList<>();
        for (RunResult result : results) {
            if (result.getParams().getParam(MagazineTable.PARAM) != null) {
                continue; // the sizing grid has a table of its own
            }
            String name = result.getParams().getBenchmark();
            String className = name.substring(0, name.lastIndexOf('.'));
            className = className.substring(className.lastIndexOf('.') + 1);
            String label;
            int order;
            if (className.equals(STRATEGIES)) {
                String strategy = result.getParams().getParam("strategy");
                label = "pool: " + strategy;
                int builtIn = strategies.indexOf(strategy);
                order = builtIn >= 0 ? builtIn : strategies.size();
            } else {
                label = BASELINES.getOrDefault(className, className);
                order = 100 + BASELINE_ORDER.indexOf(className);
            }
            Result<?> primary = result.getPrimaryResult();
            Result<?> gc = result.getSecondaryResults().get(GC_BYTES);
            collected.add(new Row(name, label, order, result.getParams().getThreads(), primary.getScore(),
                    primary.getScoreError(), gc == null ? Double.NaN : gc.getScore()));
        }
        collected.sort(Comparator.comparingInt(Row::order).thenComparing(Row::label)
                .thenComparingInt(Row::threads));
        rows = List.copyOf(collected);
    }

    List<Row> rows() {
        return rows;
    }

    void print(PrintWriter out) {
        double floor = score("FloorBenchmark", 1);
        String format = "%-32s %7s %20s %9s %13s %11s%n";
        out.println("ns per pair = one alloc + one free, JMH average time per operation; with 2 threads it is the");
        out.println("time per pair of each thread (both threads run pairs at once on one shared pool).");
        out.printf(format, "benchmark", "threads", "ns per pair", "x floor", "x deque+lock", "gc B/pair");
        for (Row row : rows) {
            double deque = score("LockedDequeBenchmark", row.threads());
            out.printf(format, row.label(), row.threads(),
                    Double.isFinite(row.error())
                            ? String.format(Locale.ROOT, "%.2f ± %.2f", row.score(), row.error())
                            : String.format(Locale.ROOT, "%.2f", row.score()),
                    number(row.score() / floor, "%.2f"), number(row.score() / deque, "%.2f"),
                    number(row.gcBytes(), "%.2f"));
        }
    }

    private double score(String className, int threads) {
        for (Row row : rows) {
            if (row.benchmark().contains("." + className + ".") && row.threads() == threads) {
                return row.score();
            }
        }
        return Double.NaN;
    }

    private static String number(double value, String format) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, format, value) : "-";
    }
}
