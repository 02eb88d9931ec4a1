package dev.poolstress.stress.broken;

import dev.poolstress.engine.CoherentPage;
import dev.poolstress.engine.FreeBlocks;
import dev.poolstress.engine.LockStrategy;
import dev.poolstress.engine.lock.IrqSaveLock;
import dev.poolstress.engine.percpu.PerThreadMagazines;
import dev.poolstress.stress.loss.AllocFreeLosesNoBlock;
import dev.poolstress.stress.percpu.RefillAndExchangeRaceRemoteFrees;

/**
 * BROKEN: magazines exchanged without the depot's exclusion. The built-in {@code thread-cache} strategy, whose
 * per-thread magazines rightly need no lock, given a "lock" for its depot and free list that only disables the
 * CPU's interrupts, reasoning that the depot is touched only on the slow path. Two threads trading magazines at
 * once then push onto and pop from the depot's stacks together, and refill from the free list together. Magazines
 * of one block make every other operation a trade. {@link RefillAndExchangeRaceRemoteFrees} or
 * {@link AllocFreeLosesNoBlock} must catch it (blocks lost, or the depot's arrays torn so that a trade throws).
 * Measured in 5 catalog runs at the ci tier's settings: caught in every run, by 6,625 to 21,546 forbidden samples a
 * run.
 */
@CaughtBy({RefillAndExchangeRaceRemoteFrees.class, AllocFreeLosesNoBlock.class})
public final class UnlockedDepotMagazines implements LockStrategy {
    private final PerThreadMagazines magazines;

    public UnlockedDepotMagazines(FreeBlocks blocks) {
        this.magazines = new PerThreadMagazines(blocks, 1, 1, new InterruptsOnly(blocks));
    }

    /** Interrupts off, and no mutual exclusion at all. */
    private static final class InterruptsOnly extends IrqSaveLock {
        InterruptsOnly(FreeBlocks blocks) {
            super(blocks, "irqs-only");
        }

        @Override
        protected void acquire() {
            // BROKEN: nothing excludes the other CPU
        }

        @Override
        protected void release() {
        }
    }

    @Override
    public long alloc() {
        return magazines.alloc();
    }

    @Override
    public long grow(CoherentPage page) {
        return magazines.grow(page);
    }

    @Override
    public void free(long dma) {
        magazines.free(dma);
    }

    @Override
    public long cached() {
        return magazines.cached();
    }

    @Override
    public void flushThreadCaches() {
        magazines.flushThreadCaches();
    }

    @Override
    public String id() {
        return "broken-unlocked-depot";
    }
}
