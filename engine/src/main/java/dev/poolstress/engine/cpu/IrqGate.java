package dev.poolstress.engine.cpu;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One virtual CPU's interrupt gate: held while that CPU has interrupts disabled or runs an interrupt handler.
 *
 * <p>Not reentrant by itself: {@link Cpus#localIrqSave()} only takes the gate when the saved flags say interrupts
 * were on, so nesting is expressed in the flags, as in the kernel. Waiters spin briefly, then yield, because on a
 * small machine the holder may be a descheduled thread.
 */
final class IrqGate {
    private static final VarHandle OWNER;

    static {
        try {
            OWNER = MethodHandles.lookup().findVarHandle(IrqGate.class, "owner", Thread.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @SuppressWarnings("unused") // accessed through OWNER
    private volatile Thread owner;

    boolean isHeldByCurrentThread() {
        return owner == Thread.currentThread();
    }

    void acquire() {
        Thread me = Thread.currentThread();
        int spins = 0;
        // acquire: everything the previous holder did on this CPU happens-before our section
        while (!OWNER.compareAndSet(this, null, me)) {
            if (++spins < 128) {
                Thread.onSpinWait();
            } else {
                Thread.yield();
            }
        }
    }

    void release() {
        // release: our per-CPU writes are published before the next holder enters
        OWNER.setRelease(this, null);
    }
}
