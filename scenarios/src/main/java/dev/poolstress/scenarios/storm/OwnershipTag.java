package dev.poolstress.scenarios.storm;

/**
 * The word a storm writes into every block it allocates, at offset 0, where the free list keeps its link while the
 * block is free: the owner's index in the top 16 bits, its own sequence number below. The completion that frees the
 * block first checks that the word is still its tag; a block handed out twice while owned, or freed under its
 * owner, carries someone else's word by then.
 */
public final class OwnershipTag {
    public static final int OFFSET = 0;
    /** The owner index of the blocks a storm allocates and frees before it starts. */
    public static final int PREFILL = 0xfffe;
    private static final int OWNER_SHIFT = 48;
    private static final long SEQUENCE_MASK = (1L << OWNER_SHIFT) - 1;

    private OwnershipTag() {
    }

    /** Owner {@code owner} (0-based) and its {@code sequence}-th block; never 0, so a zeroed block never matches. */
    public static long of(int owner, long sequence) {
        return ((long) (owner + 1) << OWNER_SHIFT) | (sequence & SEQUENCE_MASK);
    }

    public static String describe(long tag) {
        long owner = (tag >>> OWNER_SHIFT) - 1;
        if (owner < 0 || owner >= 0xffff) {
            return String.format("%#x (not a tag: the free list's link or garbage)", tag);
        }
        return (owner == PREFILL ? "prefill" : "submitter " + owner) + " #" + (tag & SEQUENCE_MASK);
    }
}
