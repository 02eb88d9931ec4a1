package dev.poolstress.engine.lock;

import dev.poolstress.engine.FreeBlocks;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Test-and-set spinlock ({@code spin-tas}): every waiter retries the atomic swap, so the lock's cache line bounces
 * between waiters. The simplest spinlock and the baseline the others improve on; choose it only when contention is
 * rare.
 */
public final class TasSpinLock extends IrqSaveLock {
    /** The id it is chosen by and reports under. */
    public static final String ID = "spin-tas";

    private static final VarHandle LOCKED;

    static {
        try {
            LOCKED = MethodHandles.lookup().findVarHandle(TasSpinLock.class, "locked", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @SuppressWarnings("unused") // accessed through LOCKED
    private volatile int locked;

    public TasSpinLock(FreeBlocks blocks) {
        super(blocks, ID);
    }

    @Override
    protected void acquire() {
        int spins = 0;
        // acquire: the swap that wins orders the section after the previous release
        while ((int) LOCKED.getAndSet(this, 1) != 0) {
            if (++spins % 1024 == 0) {
                Thread.yield();
            }
        }
    }

    @Override
    protected void release() {
        LOCKED.setRelease(this, 0);
    }
}
