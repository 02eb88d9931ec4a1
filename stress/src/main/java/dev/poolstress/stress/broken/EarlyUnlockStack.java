package dev.poolstress.stress.broken;

import dev.poolstress.engine.CoherentPage;
import dev.poolstress.engine.FreeBlocks;
import dev.poolstress.engine.LockStrategy;
import dev.poolstress.engine.lock.TasSpinLock;
import dev.poolstress.engine.pool.DmaPool;
import dev.poolstress.stress.loss.AllocFreeLosesNoBlock;

/**
 * BROKEN: the lock is released before the free link is written. A spinlocked stack of freed blocks in front of the
 * free list, whose free publishes the block as the new head under the lock but writes the block's link to the old
 * head only after unlocking; an allocation in that window pops the block and follows whatever its first word held.
 * {@link AllocFreeLosesNoBlock} must catch it (a block owned twice, owned and free, or lost).
 */
@CaughtBy(AllocFreeLosesNoBlock.class)
public final class EarlyUnlockStack implements LockStrategy {
    private final FreeBlocks blocks;
    private final TasSpinLock lock;
    /** Guarded by {@link #lock}. */
    private long head;
    /** Guarded by {@link #lock}. */
    private long cached;

    public EarlyUnlockStack(FreeBlocks blocks) {
        this.blocks = blocks;
        this.lock = new TasSpinLock(blocks);
    }

    @Override
    public long alloc() {
        long flags = lock.lockIrqSave();
        try {
            long dma = head;
            if (dma == DmaPool.NULL) {
                return blocks.pop();
            }
            head = blocks.readLink(dma);
            cached--;
            return dma;
        } finally {
            lock.unlockIrqRestore(flags);
        }
    }

    @Override
    public long grow(CoherentPage page) {
        return lock.grow(page);
    }

    @Override
    public void free(long dma) {
        blocks.checkOwned(dma);
        long top;
        long flags = lock.lockIrqSave();
        try {
            top = head;
            head = dma;
            cached++;
        } finally {
            lock.unlockIrqRestore(flags);
        }
        blocks.writeLink(dma, top); // BROKEN: written after the block was published as the head
    }

    @Override
    public long cached() {
        return cached;
    }

    @Override
    public String id() {
        return "broken-early-unlock";
    }
}
