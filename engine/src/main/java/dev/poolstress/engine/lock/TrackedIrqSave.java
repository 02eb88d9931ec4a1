package dev.poolstress.engine.lock;

import dev.poolstress.engine.cpu.Cpus;
import dev.poolstress.engine.lockdep.LockRecord;
import dev.poolstress.engine.lockdep.Lockdep;

/**
 * The part of {@code spin_lock_irqsave} every built-in lock shares: interrupts off on this CPU, then the validator
 * told which lock is about to be taken; on the way out, the reverse. The lock itself is taken between the two.
 */
final class TrackedIrqSave {
    private TrackedIrqSave() {
    }

    /** Disables interrupts and records the acquisition; returns the flags for {@link #exit}. */
    static long enter(Cpus cpus, LockRecord lock) {
        long flags = cpus.localIrqSave();
        if (Lockdep.ENABLED) {
            try {
                Lockdep.acquire(lock, cpus);
            } catch (RuntimeException e) {
                cpus.localIrqRestore(flags);
                throw e;
            }
        }
        return flags;
    }

    /** Records the release and restores interrupts; call after the lock itself is released. */
    static void exit(Cpus cpus, LockRecord lock, long flags) {
        if (Lockdep.ENABLED) {
            Lockdep.release(lock);
        }
        cpus.localIrqRestore(flags);
    }
}
