package dev.poolstress.engine.lock;

/**
 * How a spinning waiter passes one failed attempt: a pause hint first, then a yield, because on a machine with fewer
 * cores than runnable threads the holder may be waiting for this very core.
 */
final class SpinWait {
    private static final int SPINS_BEFORE_YIELD = 256;

    private SpinWait() {
    }

    /** Call with a count that starts at 0 for each acquisition; returns the next count. */
    static int pause(int spins) {
        if (spins < SPINS_BEFORE_YIELD) {
            Thread.onSpinWait();
        } else {
            Thread.yield();
        }
        return spins + 1;
    }
}
