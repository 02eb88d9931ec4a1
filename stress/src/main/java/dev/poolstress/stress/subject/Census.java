package dev.poolstress.stress.subject;

import dev.poolstress.engine.DmaPool;
import dev.poolstress.engine.PageFaults;
import dev.poolstress.engine.cpu.Cpus;
import java.util.Arrays;

/**
 * An arbiter's count of every block of a quiescent pool: the blocks the test owns must be distinct, draining the pool
 * from every CPU (after per-thread caches {@linkplain DmaPool#flushThreadCaches() gave their blocks back}), with page
 * allocation failing so that it cannot grow, must yield each remaining block exactly once, the two together must be
 * all the pool's blocks, and {@code nrActive} must equal the owned count. Returns the first violation found as one of
 * the codes below; the pool is spent afterwards.
 */
public final class Census {
    public static final int CONSISTENT = 0;
    public static final int OWNED_TWICE = 1;
    public static final int OWNED_AND_FREE = 2;
    public static final int FREE_TWICE = 3;
    public static final int LOST = 4;
    public static final int COUNT_WRONG = 5;
    public static final int THREW = 6;
    public static final int NO_BLOCK = 7;

    /** The codes as outcome ids, for {@code @Outcome}. */
    public static final String CONSISTENT_ID = "0";
    public static final String OWNED_TWICE_ID = "1";
    public static final String OWNED_AND_FREE_ID = "2";
    public static final String FREE_TWICE_ID = "3";
    public static final String LOST_ID = "4";
    public static final String COUNT_WRONG_ID = "5";
    public static final String THREW_ID = "6";
    public static final String NO_BLOCK_ID = "7";

    private Census() {
    }

    /**
     * Audits {@code pool}, which must hold exactly the {@code owned} blocks as active.
     *
     * @param failed whether an actor already saw the pool throw; reported before anything else
     */
    public static int take(DmaPool pool, boolean failed, long... owned) {
        if (failed) {
            return THREW;
        }
        long[] mine = owned.clone();
        Arrays.sort(mine);
        for (int i = 0; i < mine.length; i++) {
            if (mine[i] == DmaPool.NULL) {
                return NO_BLOCK;
            }
            if (i > 0 && mine[i] == mine[i - 1]) {
                return OWNED_TWICE;
            }
        }
        long active = pool.stats().nrActive();
        long blocks = pool.stats().nrBlocks();
        long[] drained = new long[(int) blocks + 1];
        int count = 0;
        try {
            pool.device().injectFaults(PageFaults.everyNth(1));
            pool.flushThreadCaches(); // the actors are done with the pool: per-thread caches give their blocks back
            Cpus cpus = pool.device().cpus();
            for (int cpu = 0; cpu < cpus.count() && count < drained.length; cpu++) {
                cpus.bind(cpu);
                for (long dma = pool.alloc(); dma != DmaPool.NULL; dma = pool.alloc()) {
                    drained[count++] = dma;
                    if (count == drained.length) {
                        break; // more free blocks than the pool has: some block is free twice
                    }
                }
            }
        } catch (RuntimeException e) {
            return THREW;
        }
        long[] free = Arrays.copyOf(drained, count);
        Arrays.sort(free);
        for (int i = 1; i < free.length; i++) {
            if (free[i] == free[i - 1]) {
                return FREE_TWICE;
            }
        }
        for (long dma : mine) {
            if (Arrays.binarySearch(free, dma) >= 0) {
                return OWNED_AND_FREE;
            }
        }
        if (free.length + mine.length != blocks) {
            return LOST;
        }
        return active == mine.length ? CONSISTENT : COUNT_WRONG;
    }
}
