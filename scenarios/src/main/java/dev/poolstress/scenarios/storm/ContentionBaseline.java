package dev.poolstress.scenarios.storm;

import dev.poolstress.engine.DmaPoolException;
import dev.poolstress.engine.FreeBlocks;
import dev.poolstress.engine.LockStrategy;
import dev.poolstress.engine.cpu.Cpus;
import dev.poolstress.engine.pool.Device;
import dev.poolstress.engine.pool.DmaPool;
import dev.poolstress.scenarios.stats.Stats;
import java.util.function.Function;

/**
 * Measures a strategy's uncontended cost: one thread, its own device, alloc and free of a 64-byte block timed
 * call by call; the medians are what {@link Contention} compares storm calls with.
 */
public final class ContentionBaseline {
    /** Odd, so each median is one measured sample. */
    private static final int SAMPLES = 4001;

    private ContentionBaseline() {
    }

    public static Contention measure(Function<FreeBlocks, LockStrategy> strategy) {
        Device device = Device.create("baseline", Cpus.of(1));
        DmaPool pool = DmaPool.builder("baseline", device).size(64).lock(strategy).build();
        long[] allocs = new long[SAMPLES];
        long[] frees = new long[SAMPLES];
        try {
            pool.free(pool.alloc()); // the first alloc grows the pool: not a sample
            for (int round = 0; round < 2; round++) { // the first round warms the code up
                for (int i = 0; i < SAMPLES; i++) {
                    long start = System.nanoTime();
                    long dma = pool.alloc();
                    long mid = System.nanoTime();
                    pool.free(dma);
                    long end = System.nanoTime();
                    allocs[i] = mid - start;
                    frees[i] = end - mid;
                }
            }
        } finally {
            try {
                pool.destroy();
            } catch (DmaPoolException e) {
                // a broken strategy leaves its baseline pool busy; the storm's own audit is what reports it
            }
        }
        return new Contention((long) Stats.median(allocs), (long) Stats.median(frees));
    }
}
