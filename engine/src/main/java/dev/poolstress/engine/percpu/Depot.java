package dev.poolstress.engine.percpu;

import java.util.Arrays;

/**
 * The depot (Bonwick and Adams, USENIX 2001): the magazines no CPU holds, full ones waiting for a CPU that needs
 * blocks and empty ones waiting for a CPU that needs room. Exchanging a magazine is O(1), whatever its size, so a
 * block freed on one CPU reaches another CPU without being touched on the way. Guarded by the pool's global lock.
 */
final class Depot {
    private final int capacity;
    private Magazine[] full = new Magazine[8];
    private int fullCount;
    private Magazine[] empty = new Magazine[8];
    private int emptyCount;

    Depot(int capacity) {
        this.capacity = capacity;
    }

    /** A full magazine in exchange for {@code drained}, or {@code null} (keeping nothing) if the depot has none. */
    Magazine exchangeForFull(Magazine drained) {
        if (fullCount == 0) {
            return null;
        }
        Magazine loaded = full[--fullCount];
        full[fullCount] = null;
        empty = pushed(empty, emptyCount++, drained);
        return loaded;
    }

    /** An empty magazine in exchange for {@code filled}; a new one when the depot has none (the slow path). */
    Magazine exchangeForEmpty(Magazine filled) {
        full = pushed(full, fullCount++, filled);
        if (emptyCount == 0) {
            return new Magazine(capacity);
        }
        Magazine room = empty[--emptyCount];
        empty[emptyCount] = null;
        return room;
    }

    /** Blocks in the depot's full magazines. Read without the lock: exact when the pool is quiescent. */
    long cachedBlocks() {
        return (long) fullCount * capacity;
    }

    private static Magazine[] pushed(Magazine[] stack, int index, Magazine magazine) {
        Magazine[] grown = index < stack.length ? stack : Arrays.copyOf(stack, stack.length * 2);
        grown[index] = magazine;
        return grown;
    }
}
