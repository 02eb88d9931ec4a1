package dev.poolstress.engine.lockdep;

/**
 * One finding of the validator, worded after the kernel's lockdep.
 *
 * @param kind    which rule was broken
 * @param lock    the lock the report is about (for {@link Kind#CIRCULAR_DEPENDENCY}, the one taken second)
 * @param message the full report: lock, CPUs, contexts and both acquisition sites
 */
public record LockdepReport(Kind kind, String lock, String message) {
    public enum Kind {
        /** Taken in irq context and also in process context with interrupts enabled. */
        INCONSISTENT_LOCK_STATE,
        /** Taken again by the thread that holds it. */
        RECURSIVE_LOCKING,
        /** Two locks taken in both orders. */
        CIRCULAR_DEPENDENCY
    }

    @Override
    public String toString() {
        return message;
    }
}
