package dev.poolstress.engine.percpu;

import dev.poolstress.engine.FreeBlocks;
import dev.poolstress.engine.lock.IrqSaveLock;
import java.util.Arrays;

/**
 * The depot (Bonwick and Adams, USENIX 2001): the magazines no holder has, full ones waiting for a holder that needs
 * blocks and empty ones waiting for a holder that needs room, beside the pool's free list. Exchanging a magazine is
 * O(1), whatever its size, so a block freed by one holder reaches another without being touched on the way. Guarded
 * by the pool's global lock, which every method here takes; the caller holds only its own magazines' exclusion.
 */
final class Depot {
    private final FreeBlocks freeBlocks;
    private final IrqSaveLock lock;
    private final int capacity;
    private final int batch;
    private Magazine[] full = new Magazine[8];
    private int fullCount;
    private Magazine[] empty = new Magazine[8];
    private int emptyCount;

    /**
     * @param lock     the global lock, guarding the depot and the free list
     * @param capacity blocks per magazine
     * @param batch    blocks taken from the free list at once when the depot has no full magazine
     */
    Depot(FreeBlocks freeBlocks, IrqSaveLock lock, int capacity, int batch) {
        if (capacity < 1 || batch < 1 || batch > capacity) {
            throw new IllegalArgumentException("need 1 <= batch <= capacity, was batch " + batch + ", capacity "
                    + capacity);
        }
        this.freeBlocks = freeBlocks;
        this.lock = lock;
        this.capacity = capacity;
        this.batch = batch;
    }

    int capacity() {
        return capacity;
    }

    /**
     * Both of the holder's magazines are empty: trades the loaded one for a full one, or fills it from the free list.
     * Returns the holder's new loaded magazine, empty if the pool has no free block outside other holders.
     */
    Magazine reload(MagazinePair holder) {
        long flags = lock.lockIrqSave();
        try {
            if (fullCount > 0) {
                Magazine loaded = full[--fullCount];
                full[fullCount] = null;
                empty = pushed(empty, emptyCount++, holder.loaded);
                holder.loaded = loaded;
                return loaded;
            }
            Magazine magazine = holder.loaded;
            for (int i = 0; i < batch; i++) {
                long block = freeBlocks.pop();
                if (block == FreeBlocks.NULL) {
                    break;
                }
                magazine.push(block);
            }
            return magazine;
        } finally {
            lock.unlockIrqRestore(flags);
        }
    }

    /** Both of the holder's magazines hold blocks and the loaded one is full: it goes here for an empty one. */
    Magazine unload(MagazinePair holder) {
        long flags = lock.lockIrqSave();
        try {
            full = pushed(full, fullCount++, holder.loaded);
            Magazine room;
            if (emptyCount == 0) {
                room = new Magazine(capacity);
            } else {
                room = empty[--emptyCount];
                empty[emptyCount] = null;
            }
            holder.loaded = room;
            return room;
        } finally {
            lock.unlockIrqRestore(flags);
        }
    }

    /**
     * Gives every block of the holder's magazines back to the free list and returns how many. The caller holds the
     * global lock and has the holder's magazines to itself (their owner is gone or quiescent, and happens-before).
     */
    int flushLocked(MagazinePair holder) {
        return flush(holder.loaded) + flush(holder.previous);
    }

    private int flush(Magazine magazine) {
        int flushed = 0;
        while (!magazine.isEmpty()) {
            freeBlocks.push(magazine.pop());
            flushed++;
        }
        return flushed;
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
