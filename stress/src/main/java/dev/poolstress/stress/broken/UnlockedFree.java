package dev.poolstress.stress.broken;

import dev.poolstress.engine.CoherentPage;
import dev.poolstress.engine.FreeBlocks;
import dev.poolstress.engine.LockStrategy;
import dev.poolstress.engine.lock.TasSpinLock;
import dev.poolstress.stress.debug.DoubleFreeDetectedOnce;
import dev.poolstress.stress.loss.AllocFreeLosesNoBlock;

/**
 * BROKEN: a missing lock on free. Allocation and growth take a test-and-set spinlock with irqsave, but free pushes
 * onto the free list with no lock at all, so a free racing an allocation or another free tears the list head and
 * the counters. {@link AllocFreeLosesNoBlock} must catch it (blocks owned and free, lost, or miscounted), and
 * {@link DoubleFreeDetectedOnce} too (both frees pass the debug check before either pushes).
 */
@CaughtBy({AllocFreeLosesNoBlock.class, DoubleFreeDetectedOnce.class})
public final class UnlockedFree implements LockStrategy {
    private final FreeBlocks blocks;
    private final TasSpinLock lock;

    public UnlockedFree(FreeBlocks blocks) {
        this.blocks = blocks;
        this.lock = new TasSpinLock(blocks);
    }

    @Override
    public long alloc() {
        return lock.alloc();
    }

    @Override
    public long grow(CoherentPage page) {
        return lock.grow(page);
    }

    @Override
    public void free(long dma) {
        blocks.push(dma); // BROKEN: no lock
    }

    @Override
    public String id() {
        return "broken-unlocked-free";
    }
}
