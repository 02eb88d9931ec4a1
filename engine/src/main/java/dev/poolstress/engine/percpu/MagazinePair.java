package dev.poolstress.engine.percpu;

import dev.poolstress.engine.FreeBlocks;

/**
 * The two magazines one holder (a virtual CPU, or a thread) pops and pushes on: the loaded one, and the previous one
 * it swaps in when the loaded one runs empty or full, so that a holder alternating allocs and frees around a
 * magazine's edge does not trade with the {@link Depot} on every operation (Bonwick and Adams, USENIX 2001). Not
 * thread-safe: the holder's own exclusion guards it.
 */
class MagazinePair {
    Magazine loaded;
    Magazine previous;

    MagazinePair(int capacity) {
        loaded = new Magazine(capacity);
        previous = new Magazine(capacity);
    }

    /** A block from the holder's magazines or, when both are empty, from the depot; {@link FreeBlocks#NULL} if none. */
    final long pop(Depot depot) {
        Magazine magazine = loaded;
        if (magazine.isEmpty()) {
            if (!previous.isEmpty()) {
                magazine = swap();
            } else if ((magazine = depot.reload(this)).isEmpty()) {
                return FreeBlocks.NULL;
            }
        }
        return magazine.pop();
    }

    /** Keeps a freed block, trading a full magazine with the depot when both are full. */
    final void push(long dma, Depot depot) {
        Magazine magazine = loaded;
        if (magazine.isFull()) {
            magazine = previous.isEmpty() ? swap() : depot.unload(this);
        }
        magazine.push(dma);
    }

    /** Blocks held. Read without the holder's exclusion: exact when the pool is quiescent. */
    final long count() {
        return loaded.count() + previous.count();
    }

    /** Exchanges the loaded and previous magazines; returns the new loaded one. */
    private Magazine swap() {
        Magazine magazine = previous;
        previous = loaded;
        loaded = magazine;
        return magazine;
    }
}
