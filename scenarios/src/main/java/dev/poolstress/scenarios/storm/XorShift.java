package dev.poolstress.scenarios.storm;

/**
 * Marsaglia's xorshift64 generator, one per thread that draws from it: a pool for a submitter's command, a CPU for
 * a queue's completion. Not thread-safe and not for statistics; it is here because drawing allocates nothing and
 * costs three shifts. The seed must not be zero.
 */
final class XorShift {
    private long state;

    XorShift(long seed) {
        if (seed == 0) {
            throw new IllegalArgumentException("xorshift seed must not be 0");
        }
        this.state = seed;
    }

    /** The next draw, between 0 (inclusive) and {@code bound} (exclusive). */
    int nextInt(int bound) {
        state ^= state << 13;
        state ^= state >>> 7;
        state ^= state << 17;
        return (int) Math.floorMod(state, (long) bound);
    }
}
