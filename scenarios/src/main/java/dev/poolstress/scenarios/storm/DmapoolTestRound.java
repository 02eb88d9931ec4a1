package dev.poolstress.scenarios.storm;

import dev.poolstress.engine.pool.DmaPool;

/**
 * One round of the kernel's {@code mm/dmapool_test.c} ({@code dmapool_test_alloc}): allocate a number of blocks
 * from a pool, then free every block taken, oldest first. This is the test's only loop here: {@code bench
 * dmapool-test} runs it with the {@link #KERNEL} hooks, and the rounds storm with hooks that count, time and
 * ownership-tag each block.
 *
 * <p>Invariant: when {@link #run} returns, every block the round took has been passed to {@link Hooks#free}, which
 * with the default hooks is back in the pool. One instance per thread: it keeps the round's blocks in its own array.
 */
public final class DmapoolTestRound {
    /** What a round does at each pool call; the defaults are the kernel's plain calls and its -ENOMEM. */
    public interface Hooks {
        /** Allocates a block from {@code pool}; {@link DmaPool#NULL} when it has none. */
        default long alloc(DmaPool pool) {
            return pool.alloc();
        }

        /**
         * An allocation returned NULL: {@code true} goes on with the next block; {@code false}, as the kernel's
         * {@code pool_fail}, frees the blocks taken, newest first, and ends the round.
         */
        default boolean skipNull() {
            return false;
        }

        /** The round took {@code dma}, its {@code n}-th block (from 0). */
        default void taken(DmaPool pool, long dma, int n) {
        }

        /** Gives back {@code dma}, the round's {@code n}-th block. */
        default void free(DmaPool pool, long dma, int n) {
            pool.free(dma);
        }
    }

    /** The kernel's loop as it is: plain alloc and free, the round given up at the first NULL. */
    public static final Hooks KERNEL = new Hooks() {
    };

    private final Hooks hooks;
    private final long[] blocks;

    /** A round of at most {@code most} blocks, calling {@code hooks}. */
    public DmapoolTestRound(int most, Hooks hooks) {
        this.hooks = hooks;
        this.blocks = new long[most];
    }

    /**
     * Allocates {@code count} blocks (at most the round's {@code most}) from {@code pool}, then frees them all.
     *
     * @return the blocks taken: {@code count}, or fewer when allocations returned NULL; when the hooks do not skip
     *         a NULL, allocation number {@code taken + 1} (from 1) is the one that failed
     */
    public int run(DmaPool pool, int count) {
        int n = 0;
        for (int i = 0; i < count; i++) {
            long dma = hooks.alloc(pool);
            if (dma == DmaPool.NULL) {
                if (hooks.skipNull()) {
                    continue;
                }
                for (int j = n - 1; j >= 0; j--) {
                    hooks.free(pool, blocks[j], j);
                }
                return n;
            }
            hooks.taken(pool, dma, n);
            blocks[n++] = dma;
        }
        for (int i = 0; i < n; i++) {
            hooks.free(pool, blocks[i], i);
        }
        return n;
    }
}
