package dev.poolstress.engine.census;

import dev.poolstress.engine.cpu.Cpus;
import dev.poolstress.engine.pool.DmaPool;
import dev.poolstress.engine.pool.PageFaults;
import dev.poolstress.engine.pool.PoolStats;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * A count of every block of a quiescent pool, against the blocks its caller says it owns.
 *
 * <p>Mechanism: per-thread caches {@linkplain DmaPool#flushThreadCaches() give their blocks back}, page allocation is
 * refused so the pool cannot grow, and the calling thread, bound to each CPU in turn (so per-CPU caches are reached
 * too), allocates every block it can, stopping at one more than {@code nrBlocks}.
 *
 * <p>Invariant: the owned blocks are distinct and not {@link DmaPool#NULL}, the drain yields each remaining block
 * exactly once, owned and drained blocks are disjoint and together are all {@code nrBlocks} blocks, and
 * {@code nrActive} equals the number owned. Each broken clause is a {@link Violation}; all are found, not just the
 * first.
 *
 * <p>When to use: at the end of a test or storm, with no other thread touching the pool and everything they did
 * happening-before the census (a join, an arbiter). Afterwards the drained blocks are held by the census and the
 * device refuses no page: {@link #giveBack()} frees them, so the pool can be destroyed; otherwise the pool is spent.
 */
public final class PoolCensus {
    private static final long[] NONE = new long[0];

    private final DmaPool pool;
    private final PoolStats before;
    private final int owned;
    private final long[] free;
    private final long[] freeTwice;
    private final long accounted;
    private final RuntimeException error;
    private final Set<Violation> violations;

    private PoolCensus(DmaPool pool, PoolStats before, int owned, long[] free, long[] freeTwice, long accounted,
                       RuntimeException error, Set<Violation> violations) {
        this.pool = pool;
        this.before = before;
        this.owned = owned;
        this.free = free;
        this.freeTwice = freeTwice;
        this.accounted = accounted;
        this.error = error;
        this.violations = violations;
    }

    /**
     * Takes the census of {@code pool}, which must hold exactly the {@code owned} blocks as active; rebinds the
     * calling thread to each of the device's CPUs, leaving it on the last.
     */
    public static PoolCensus take(DmaPool pool, long... owned) {
        Set<Violation> found = EnumSet.noneOf(Violation.class);
        long[] mine = owned.clone();
        Arrays.sort(mine);
        int distinctOwned = 0;
        for (int i = 0; i < mine.length; i++) {
            if (mine[i] == DmaPool.NULL) {
                found.add(Violation.NO_BLOCK);
            } else if (i > 0 && mine[i] == mine[i - 1]) {
                found.add(Violation.OWNED_TWICE);
            } else {
                mine[distinctOwned++] = mine[i];
            }
        }

        PoolStats stats = pool.stats();
        long[] drained = new long[(int) Math.min(Integer.MAX_VALUE - 8, stats.nrBlocks() + 1)];
        int count = 0;
        RuntimeException error = null;
        try {
            pool.device().injectFaults(PageFaults.afterBudget(0));
            pool.flushThreadCaches();
            Cpus cpus = pool.device().cpus();
            for (int cpu = 0; cpu < cpus.count() && count < drained.length; cpu++) {
                cpus.bind(cpu);
                long dma;
                while (count < drained.length && (dma = pool.alloc()) != DmaPool.NULL) {
                    drained[count++] = dma; // a full array means more free blocks than the pool has
                }
            }
        } catch (RuntimeException e) {
            error = e;
            found.add(Violation.THREW);
        } finally {
            pool.device().injectFaults(PageFaults.none());
        }

        Arrays.sort(drained, 0, count);
        long[] twice = new long[count];
        int twiceCount = 0;
        int distinctFree = 0;
        for (int i = 0; i < count; i++) {
            if (i > 0 && drained[i] == drained[i - 1]) {
                twice[twiceCount++] = drained[i];
            } else {
                drained[distinctFree++] = drained[i];
            }
        }
        if (twiceCount > 0) {
            found.add(Violation.FREE_TWICE);
        }
        long[] free = Arrays.copyOf(drained, distinctFree);
        long accounted = distinctFree + distinctOwned;
        for (int i = 0; i < distinctOwned; i++) {
            if (Arrays.binarySearch(free, mine[i]) >= 0) {
                found.add(Violation.OWNED_AND_FREE);
                accounted--;
            }
        }
        if (accounted != stats.nrBlocks()) {
            found.add(Violation.LOST);
        }
        if (stats.nrActive() != owned.length) {
            found.add(Violation.COUNT_WRONG);
        }
        return new PoolCensus(pool, stats, owned.length, free, twiceCount == 0 ? NONE : Arrays.copyOf(twice,
                twiceCount), accounted, error, Collections.unmodifiableSet(found));
    }

    /** Every violation found; empty when the pool is consistent. */
    public Set<Violation> violations() {
        return violations;
    }

    /** The violation that explains the others (see {@link Violation}'s order), or empty when the pool is consistent. */
    public Optional<Violation> first() {
        return violations.stream().findFirst();
    }

    public boolean consistent() {
        return violations.isEmpty();
    }

    /** The pool's figures before the drain. */
    public PoolStats stats() {
        return before;
    }

    /** How many blocks the caller said it owns. */
    public int owned() {
        return owned;
    }

    /**
     * {@code nrBlocks} less the distinct blocks owned or drained: positive when blocks vanished, negative when more
     * turned up than the pool counts; 0 when nothing is {@link Violation#LOST}.
     */
    public long lost() {
        return before.nrBlocks() - accounted;
    }

    /** Each extra time the drain was handed a block it already had, in address order. */
    public long[] freeTwice() {
        return freeTwice.clone();
    }

    /** What the drain threw, or {@code null}. */
    public RuntimeException error() {
        return error;
    }

    /** Frees every distinct block the drain took, so a consistent pool has no block active and can be destroyed. */
    public void giveBack() {
        for (long dma : free) {
            pool.free(dma);
        }
    }

    @Override
    public String toString() {
        return "census of " + pool.name() + ": " + (consistent() ? "consistent" : violations) + " (" + owned
                + " owned, " + free.length + " free, " + freeTwice.length + " free twice, " + lost() + " lost, "
                + before + ")";
    }
}
