package dev.poolstress.engine.lock;

import dev.poolstress.engine.CoherentPage;
import dev.poolstress.engine.FreeBlocks;
import dev.poolstress.engine.LockStrategy;
import dev.poolstress.engine.cpu.Cpus;
import dev.poolstress.engine.lockdep.LockRecord;

/**
 * A strategy that guards every {@link FreeBlocks} call with one lock taken the kernel's way,
 * {@code spin_lock_irqsave}: interrupts off on this CPU first, then the lock; the lock released, then interrupts
 * restored. Subclasses supply only the mutual exclusion ({@link #acquire()}, {@link #release()}).
 *
 * <p>Happens-before: {@link #release()} must publish everything written in the section to the next
 * {@link #acquire()}.
 */
public abstract class IrqSaveLock implements LockStrategy {
    protected final FreeBlocks blocks;
    protected final Cpus cpus;
    private final String id;
    private final LockRecord lockRecord;

    /** A pool's lock: the validator reports it as the pool's name and {@code .lock(id)}. */
    protected IrqSaveLock(FreeBlocks blocks, String id) {
        this(blocks, id, "lock(" + id + ")");
    }

    /**
     * @param id   the strategy's stable id
     * @param name the lock's name within its pool: the validator reports it as the pool's name, a dot and this
     */
    protected IrqSaveLock(FreeBlocks blocks, String id, String name) {
        this.blocks = blocks;
        this.cpus = blocks.cpus();
        this.id = id;
        this.lockRecord = new LockRecord(blocks.poolName() + "." + name);
    }

    @Override
    public final String id() {
        return id;
    }

    /** Takes the lock; the caller already has interrupts off on its CPU. */
    protected abstract void acquire();

    /** Releases the lock taken by this thread's matching {@link #acquire()}. */
    protected abstract void release();

    /** {@code spin_lock_irqsave}: returns the flags to hand back to {@link #unlockIrqRestore(long)}. */
    public final long lockIrqSave() {
        long flags = TrackedIrqSave.enter(cpus, lockRecord);
        acquire();
        return flags;
    }

    /** {@code spin_unlock_irqrestore}. */
    public final void unlockIrqRestore(long flags) {
        release();
        TrackedIrqSave.exit(cpus, lockRecord, flags);
    }

    /** The name the validator reports this lock by. */
    public final String lockName() {
        return lockRecord.name();
    }

    @Override
    public final long alloc() {
        long flags = lockIrqSave();
        try {
            return blocks.pop();
        } finally {
            unlockIrqRestore(flags);
        }
    }

    @Override
    public final long grow(CoherentPage page) {
        long flags = lockIrqSave();
        try {
            blocks.addPage(page);
            return blocks.pop();
        } finally {
            unlockIrqRestore(flags);
        }
    }

    @Override
    public final void free(long dma) {
        long flags = lockIrqSave();
        try {
            blocks.push(dma);
        } finally {
            unlockIrqRestore(flags);
        }
    }
}
