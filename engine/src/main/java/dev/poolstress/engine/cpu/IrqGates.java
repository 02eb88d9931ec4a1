package dev.poolstress.engine.cpu;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Every virtual CPU's interrupt gate: held while that CPU has interrupts disabled or runs an interrupt handler.
 *
 * <p>A gate is its owner thread, one slot of a shared array. Slots are {@value #STRIDE} references apart (128
 * bytes with compressed references) because every lock operation of every CPU writes its own gate: packed together,
 * two CPUs' gates would share a cache line and each operation would steal it from the other CPU.
 *
 * <p>Not reentrant by itself: {@link Cpus#localIrqSave()} only takes a gate when interrupts were on, and says so in
 * the flags, so nesting is expressed in the flags, as in the kernel. Waiters spin briefly, then yield, because on a
 * small machine the holder may be a descheduled thread.
 */
final class IrqGates {
    private static final VarHandle OWNER = MethodHandles.arrayElementVarHandle(Thread[].class);
    private static final int STRIDE = 32;

    private final Thread[] owners;
    private final int count;

    IrqGates(int count) {
        this.count = count;
        this.owners = new Thread[(count + 1) * STRIDE];
    }

    int count() {
        return count;
    }

    boolean isHeldByCurrentThread(int cpu) {
        // only this thread can have written itself there, so any read order is enough
        return OWNER.getOpaque(owners, slot(cpu)) == Thread.currentThread();
    }

    /** One attempt: takes the gate if it is free. The uncontended gate costs this one compare-and-set. */
    boolean tryAcquire(int cpu) {
        // acquire: everything the previous holder did on this CPU happens-before our section
        return OWNER.compareAndSet(owners, slot(cpu), (Thread) null, Thread.currentThread());
    }

    /** Waits for the gate, reading it until it looks free before each new attempt, so waiters share its line. */
    void acquire(int cpu) {
        int slot = slot(cpu);
        int spins = 0;
        while (!tryAcquire(cpu)) {
            do {
                if (++spins < 128) {
                    Thread.onSpinWait();
                } else {
                    Thread.yield();
                }
            } while (OWNER.getOpaque(owners, slot) != null);
        }
    }

    void release(int cpu) {
        // release: our per-CPU writes are published before the next holder enters
        OWNER.setRelease(owners, slot(cpu), (Thread) null);
    }

    /** Slot 0's line is left empty so that gate 0 does not share a line with the array's header. */
    private static int slot(int cpu) {
        return (cpu + 1) * STRIDE;
    }
}
