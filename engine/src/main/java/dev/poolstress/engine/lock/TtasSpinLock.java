package dev.poolstress.engine.lock;

import dev.poolstress.engine.FreeBlocks;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Test-and-test-and-set spinlock ({@code spin-ttas}): waiters spin reading the lock word, with
 * {@link Thread#onSpinWait()}, and try the swap only when it reads free, so waiting costs no cache-line
 * ownership. Unfair. Choose it for short sections under light contention.
 */
public final class TtasSpinLock extends IrqSaveLock {
    /** The id it is chosen by and reports under. */
    public static final String ID = "spin-ttas";

    private static final VarHandle LOCKED;

    static {
        try {
            LOCKED = MethodHandles.lookup().findVarHandle(TtasSpinLock.class, "locked", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @SuppressWarnings("unused") // accessed through LOCKED
    private volatile int locked;

    /** The pool's lock, strategy {@code spin-ttas}. */
    public TtasSpinLock(FreeBlocks blocks) {
        super(blocks, ID);
    }

    /**
     * A lock inside another strategy, reported to the validator under {@code name} (after the pool's name and a
     * dot), so that its reports say which part of that strategy it guards.
     */
    public TtasSpinLock(FreeBlocks blocks, String name) {
        super(blocks, ID, name);
    }

    @Override
    protected void acquire() {
        int spins = 0;
        while (true) {
            while ((int) LOCKED.getOpaque(this) != 0) {
                spins = SpinWait.pause(spins);
            }
            if (LOCKED.compareAndSet(this, 0, 1)) { // acquire
                return;
            }
        }
    }

    @Override
    protected void release() {
        LOCKED.setRelease(this, 0);
    }
}
