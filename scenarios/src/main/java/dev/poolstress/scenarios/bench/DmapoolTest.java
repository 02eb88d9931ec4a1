package dev.poolstress.scenarios.bench;

import dev.poolstress.engine.freelist.Algorithm;
import dev.poolstress.engine.pool.Device;
import dev.poolstress.engine.pool.DmaPool;
import dev.poolstress.engine.pool.StrategyChoice;
import dev.poolstress.scenarios.stats.Stats;
import dev.poolstress.scenarios.storm.DmapoolTestRound;
import dev.poolstress.stress.progress.Progress;
import java.util.ArrayList;
import java.util.List;

/**
 * The kernel's {@code mm/dmapool_test.c} on the emulated device: for each of its pools, a fresh pool is created
 * and timed over {@code rounds} rounds of allocate-all then free-all, page growth in the first round included, as
 * the kernel times it. Warm-up rounds on throwaway pools of every size and both algorithms come first, so that the
 * JIT has compiled both paths before anything is timed; each pool is then timed {@code repeat} times, the two
 * algorithms alternating, and the median kept. Every run is made twice, under the chosen lock and with no locking
 * at all (the algorithm alone), so the table shows what the algorithm gains and what the lock costs. Every pool must
 * end empty and give all its pages back.
 */
public final class DmapoolTest {
    /** The algorithms compared, before and after the seed. */
    public static final List<Algorithm> ALGORITHMS = List.of(Algorithm.LEGACY, Algorithm.STACK);

    private final StrategyChoice lock;
    private final int rounds;
    private final int warmup;
    private final int repeat;

    /**
     * @param lock   the lock strategy of every pool
     * @param rounds timed rounds per pool, 100 in the kernel
     * @param warmup untimed rounds per pool and algorithm before timing starts
     * @param repeat timed runs per pool and algorithm; the median is reported
     */
    public DmapoolTest(StrategyChoice lock, int rounds, int warmup, int repeat) {
        if (rounds < 1 || warmup < 0 || repeat < 1) {
            throw new IllegalArgumentException("need rounds >= 1, warmup >= 0, repeat >= 1, was rounds " + rounds
                    + ", warmup " + warmup + ", repeat " + repeat);
        }
        this.lock = lock;
        this.rounds = rounds;
        this.warmup = warmup;
        this.repeat = repeat;
    }

    /** Runs the test over the kernel's pools on a device of its own; one result per pool, in the kernel's order. */
    public List<DmapoolTestResult> run(Progress progress) {
        return run(Device.create("dmapool-test"), progress);
    }

    /** The steps {@link #run} reports to its progress: each pool's warm-up (if any), then each pool in each run. */
    public int steps() {
        return DmapoolTestPool.KERNEL.size() * ((warmup > 0 ? 1 : 0) + repeat);
    }

    /**
     * Runs the test on {@code device}, which must have no pages in use, beginning a step of {@code progress} (of
     * {@link #steps()}) for each pool's warm-up and each pool's timed run.
     *
     * @throws IllegalStateException if an alloc returns NULL, or a pool does not end empty with its pages given back
     */
    public List<DmapoolTestResult> run(Device device, Progress progress) {
        List<DmapoolTestPool> pools = DmapoolTestPool.KERNEL;
        int step = 0;
        if (warmup > 0) {
            for (DmapoolTestPool pool : pools) {
                progress.begin(++step, "warm-up, " + describe(pool));
                for (Algorithm algorithm : ALGORITHMS) {
                    runPool(device, pool, algorithm, warmup, true);
                    runPool(device, pool, algorithm, warmup, false);
                }
            }
        }
        long[][][] locked = new long[pools.size()][ALGORITHMS.size()][repeat];
        long[][][] alone = new long[pools.size()][ALGORITHMS.size()][repeat];
        for (int run = 0; run < repeat; run++) {
            for (int p = 0; p < pools.size(); p++) {
                progress.begin(++step, "run " + (run + 1) + " of " + repeat + ", " + describe(pools.get(p)));
                for (int a = 0; a < ALGORITHMS.size(); a++) {
                    locked[p][a][run] = runPool(device, pools.get(p), ALGORITHMS.get(a), rounds, true);
                    alone[p][a][run] = runPool(device, pools.get(p), ALGORITHMS.get(a), rounds, false);
                }
            }
        }
        List<DmapoolTestResult> results = new ArrayList<>();
        for (int p = 0; p < pools.size(); p++) {
            results.add(DmapoolTestResult.of(pools.get(p), wholeMedian(locked[p][0]), wholeMedian(locked[p][1]),
                    wholeMedian(alone[p][0]), wholeMedian(alone[p][1])));
        }
        return results;
    }

    /**
     * Creates a pool, under the lock or {@linkplain UnlockedFreeBlocks with none}, times {@code count} rounds of
     * {@link DmapoolTestRound} on it, and destroys it; returns the time in µs. A NULL alloc fails as the kernel's
     * -ENOMEM, with the pool destroyed.
     */
    private long runPool(Device device, DmapoolTestPool parameters, Algorithm algorithm, int count, boolean locking) {
        DmaPool.Builder builder = DmaPool.builder("test pool", device)
                .size(parameters.size()).align(parameters.align()).boundary(parameters.boundary())
                .algorithm(algorithm);
        DmaPool pool = (locking ? builder.lock(lock.factory()) : builder.lock(UnlockedFreeBlocks::new)).build();
        int blocks = parameters.blocks();
        DmapoolTestRound round = new DmapoolTestRound(blocks, DmapoolTestRound.KERNEL);
        long start = System.nanoTime();
        for (int r = 0; r < count; r++) {
            int taken = round.run(pool, blocks);
            if (taken < blocks) {
                // the round gave its blocks back, as dmapool_test_alloc on -ENOMEM
                String which = pool.algorithm() + " pool of size " + pool.stats().size();
                pool.destroy();
                throw new IllegalStateException("dmapool test: " + which + ": alloc " + (taken + 1) + " of " + blocks
                        + " in round " + (r + 1) + " returned NULL (-ENOMEM): the device could not supply a page");
            }
        }
        long end = System.nanoTime();
        long active = pool.stats().nrActive();
        if (active != 0) {
            throw new IllegalStateException(describe(parameters, algorithm) + ": " + active
                    + " blocks still active after the rounds; the pool lost track of its blocks");
        }
        pool.destroy();
        if (device.pagesInUse() != 0) {
            throw new IllegalStateException(describe(parameters, algorithm) + ": " + device.pagesInUse()
                    + " pages still in use after the pool was destroyed");
        }
        // ktime_us_delta: whole microseconds, truncated
        return (end - start) / 1_000;
    }

    private static String describe(DmapoolTestPool pool, Algorithm algorithm) {
        return "dmapool test: " + algorithm + " " + describe(pool);
    }

    private static String describe(DmapoolTestPool pool) {
        return "pool size:" + pool.size() + " align:" + pool.align() + " boundary:" + pool.boundary();
    }

    /** The median of the runs' times in whole µs, truncated as each time is. */
    private static long wholeMedian(long[] microseconds) {
        return (long) Stats.median(microseconds);
    }
}
