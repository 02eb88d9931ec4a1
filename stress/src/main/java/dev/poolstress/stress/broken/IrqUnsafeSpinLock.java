package dev.poolstress.stress.broken;

import dev.poolstress.engine.CoherentPage;
import dev.poolstress.engine.FreeBlocks;
import dev.poolstress.engine.LockStrategy;
import dev.poolstress.engine.cpu.Cpus;
import dev.poolstress.engine.lockdep.LockRecord;
import dev.poolstress.engine.lockdep.Lockdep;
import dev.poolstress.stress.lockdep.IrqUsedLockIsIrqSafe;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * BROKEN: a spinlock taken without irqsave while irq-context frees run. A correct test-and-set lock, annotated for
 * the validator as the kernel's {@code spin_lock} is, but taken with interrupts left on; on a real CPU a completion
 * handler that frees while its own CPU holds the lock spins forever. The emulation cannot deadlock that way (the
 * handler runs on another thread), so the validator's "inconsistent lock state" report is what
 * {@link IrqUsedLockIsIrqSafe} must catch.
 */
@CaughtBy(IrqUsedLockIsIrqSafe.class)
public final class IrqUnsafeSpinLock implements LockStrategy {
    private static final VarHandle LOCKED;

    static {
        try {
            LOCKED = MethodHandles.lookup().findVarHandle(IrqUnsafeSpinLock.class, "locked", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final FreeBlocks blocks;
    private final Cpus cpus;
    private final LockRecord lockRecord;
    @SuppressWarnings("unused") // accessed through LOCKED
    private volatile int locked;

    public IrqUnsafeSpinLock(FreeBlocks blocks) {
        this.blocks = blocks;
        this.cpus = blocks.cpus();
        this.lockRecord = new LockRecord(blocks.poolName() + ".lock(broken-irq-unsafe)");
    }

    @Override
    public long alloc() {
        lock();
        try {
            return blocks.pop();
        } finally {
            unlock();
        }
    }

    @Override
    public long grow(CoherentPage page) {
        lock();
        try {
            blocks.addPage(page);
            return blocks.pop();
        } finally {
            unlock();
        }
    }

    @Override
    public void free(long dma) {
        lock();
        try {
            blocks.push(dma);
        } finally {
            unlock();
        }
    }

    /** BROKEN: {@code spin_lock}, not {@code spin_lock_irqsave}: interrupts stay on while the lock is held. */
    private void lock() {
        if (Lockdep.ENABLED) {
            Lockdep.acquire(lockRecord, cpus);
        }
        while ((int) LOCKED.getAndSet(this, 1) != 0) {
            Thread.onSpinWait();
        }
    }

    private void unlock() {
        LOCKED.setRelease(this, 0);
        if (Lockdep.ENABLED) {
            Lockdep.release(lockRecord);
        }
    }

    @Override
    public String id() {
        return "broken-irq-unsafe";
    }
}
