package dev.poolstress.stress.broken;

import dev.poolstress.engine.CoherentPage;
import dev.poolstress.engine.FreeBlocks;
import dev.poolstress.engine.LockStrategy;
import dev.poolstress.engine.lock.TicketSpinLock;
import dev.poolstress.stress.growth.GrowWhileAllocating;

/**
 * BROKEN: growth published outside the critical section. Allocation and free take a ticket spinlock with irqsave,
 * but {@code grow} carves the new page into the free list before taking the lock, reasoning that the page is
 * private until it is linked in, and forgetting that linking it in writes the list head other CPUs are pushing and
 * popping. {@link GrowWhileAllocating} must catch it (a push or pop between the splice's read and write of the head
 * loses blocks or hands one out twice).
 */
@CaughtBy(GrowWhileAllocating.class)
public final class GrowOutsideLock implements LockStrategy {
    private final FreeBlocks blocks;
    private final TicketSpinLock lock;

    public GrowOutsideLock(FreeBlocks blocks) {
        this.blocks = blocks;
        this.lock = new TicketSpinLock(blocks);
    }

    @Override
    public long alloc() {
        return lock.alloc();
    }

    @Override
    public long grow(CoherentPage page) {
        blocks.addPage(page); // BROKEN: splices onto the shared head with no lock held
        return lock.alloc();
    }

    @Override
    public void free(long dma) {
        lock.free(dma);
    }

    @Override
    public String id() {
        return "broken-grow-outside-lock";
    }
}
