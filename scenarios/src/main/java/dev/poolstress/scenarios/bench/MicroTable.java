package dev.poolstress.scenarios.bench;

import dev.poolstress.engine.pool.LockStrategies;
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
 * single-threaded {@code long[]} stack), to the floor of the atomics a strategy must do (two uncontended CAS per
 * pair for a gate-only or lock-free strategy, four for a gate and a lock per operation) and to {@code ArrayDeque} +
 * {@code ReentrantLock} at the same thread count, and the bytes the JVM allocated per pair
 * ({@code gc.alloc.rate.norm}; zero means the pair allocates nothing).
 * The per-CPU sizing benchmarks are left to {@link MagazineTable}.
 */
public final class MicroTable {
    /** A benchmark class's label in the table, in the order the rows are printed. */
    private static final Map<String, String> BASELINES = Map.of(
            "FloorBenchmark.oneThread", "long[] stack (floor)",
            "FloorBenchmark.twoCasPerPair", "floor + 2 CAS per pair",
            "FloorBenchmark.fourCasPerPair", "floor + 4 CAS per pair",
            "LockedDequeBenchmark", "ArrayDeque+ReentrantLock",
            "MpmcQueueBenchmark", "JCTools MpmcArrayQueue",
            "NettyPooledBenchmark", "Netty PooledByteBufAllocator",
            "CommonsPoolBenchmark", "commons-pool2 GenericObjectPool");
    private static final List<String> BASELINE_ORDER = List.of("FloorBenchmark.oneThread",
            "FloorBenchmark.twoCasPerPair", "FloorBenchmark.fourCasPerPair", "LockedDequeBenchmark",
            "MpmcQueueBenchmark", "NettyPooledBenchmark", "CommonsPoolBenchmark");
    /** The strategies whose only atomics are one per operation: a gate (percpu) or the head's CAS (lockfree). */
    private static final List<String> TWO_CAS = List.of("percpu", "lockfree");
    /** The strategies with no atomic on the fast path (per-thread magazines): their floor is the bare stack's. */
    private static final List<String> NO_CAS = List.of("thread-cache");
    private static final String STRATEGIES = "StrategyPairBenchmark";
    private static final String GC_BYTES = "gc.alloc.rate.norm";

    /** One benchmark's figures; {@code strategy} is null for the baselines. */
    record Row(String benchmark, String label, String strategy, int order, int threads, double score,
               double error, double gcBytes) {
    }

    private final List<Row> rows;

    public MicroTable(Collection<RunResult> results) {
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
            String strategy = null;
            int order;
            if (className.equals(STRATEGIES)) {
                strategy = result.getParams().getParam("strategy");
                label = "pool: " + strategy;
                int builtIn = strategies.indexOf(strategy);
                order = builtIn >= 0 ? builtIn : strategies.size();
            } else {
                String key = BASELINES.containsKey(className) ? className
                        : className + name.substring(name.lastIndexOf('.'));
                label = BASELINES.getOrDefault(key, key);
                order = 100 + BASELINE_ORDER.indexOf(key);
            }
            Result<?> primary = result.getPrimaryResult();
            Result<?> gc = result.getSecondaryResults().get(GC_BYTES);
            collected.add(new Row(name, label, strategy, order, result.getParams().getThreads(), primary.getScore(),
                    primary.getScoreError(), gc == null ? Double.NaN : gc.getScore()));
        }
        collected.sort(Comparator.comparingInt(Row::order).thenComparing(Row::label)
                .thenComparingInt(Row::threads));
        rows = List.copyOf(collected);
    }

    public List<Row> rows() {
        return rows;
    }

    public void print(PrintWriter out) {
        double floor = score("FloorBenchmark.oneThread", 1);
        String format = "%-32s %7s %20s %9s %11s %13s %11s%n";
        out.println("ns per pair = one alloc + one free, JMH average time per operation; with 2 threads it is the");
        out.println("time per pair of each thread (both threads run pairs at once on one shared pool). x CAS floor:");
        out.println("against the floor + the uncontended CAS the strategy must do (0 for thread-cache, 2 for percpu and");
        out.println("lockfree, else 4).");
        out.printf(format, "benchmark", "threads", "ns per pair", "x floor", "x CAS floor", "x deque+lock",
                "gc B/pair");
        for (Row row : rows) {
            double deque = score("LockedDequeBenchmark", row.threads());
            double atomics = row.strategy() == null ? Double.NaN : score(NO_CAS.contains(row.strategy())
                    ? "FloorBenchmark.oneThread" : TWO_CAS.contains(row.strategy())
                    ? "FloorBenchmark.twoCasPerPair" : "FloorBenchmark.fourCasPerPair", 1);
            out.printf(format, row.label(), row.threads(),
                    Double.isFinite(row.error())
                            ? String.format(Locale.ROOT, "%.2f ± %.2f", row.score(), row.error())
                            : String.format(Locale.ROOT, "%.2f", row.score()),
                    number(row.score() / floor, "%.2f"), number(row.score() / atomics, "%.2f"),
                    number(row.score() / deque, "%.2f"), number(row.gcBytes(), "%.2f"));
        }
    }

    /** The score of a benchmark named by its class, or by {@code Class.method}, at {@code threads}. */
    private double score(String benchmark, int threads) {
        String suffix = benchmark.contains(".") ? "." + benchmark : null;
        for (Row row : rows) {
            boolean named = suffix != null ? row.benchmark().endsWith(suffix)
                    : row.benchmark().contains("." + benchmark + ".");
            if (named && row.threads() == threads) {
                return row.score();
            }
        }
        return Double.NaN;
    }

    private static String number(double value, String format) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, format, value) : "-";
    }
}
