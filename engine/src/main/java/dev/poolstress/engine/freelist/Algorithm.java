package dev.poolstress.engine.freelist;

import dev.poolstress.engine.CoherentMemory;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The free-block algorithms a pool can keep its blocks with, each known by the name scenarios, tiers and reports
 * use. Choose {@link #STACK}, the seed patch's, unless you are measuring what it replaced.
 */
public enum Algorithm {
    /** The seed patch's: one stack of free blocks threaded through the blocks themselves; O(1) alloc and free. */
    STACK("stack"),
    /** The code before the seed: a list of pages, each with its own free chain, walked to find a free block. */
    LEGACY("legacy");

    private final String id;

    Algorithm(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    /**
     * The algorithm named {@code id}.
     *
     * @throws IllegalArgumentException naming the algorithms there are
     */
    public static Algorithm parse(String id) {
        for (Algorithm a : values()) {
            if (a.id.equals(id)) {
                return a;
            }
        }
        throw new IllegalArgumentException("algorithm must be one of "
                + Arrays.stream(values()).map(Algorithm::id).collect(Collectors.joining(", ")) + ", was '" + id + "'");
    }

    /** A free list of this algorithm over {@code memory}, empty until its first page is added. */
    public FreeList create(String poolName, CoherentMemory memory, BlockLayout layout, boolean debug) {
        return this == STACK ? new StackFreeList(poolName, memory, layout, debug)
                : new LegacyPageList(poolName, memory, layout, debug);
    }

    @Override
    public String toString() {
        return id;
    }
}
