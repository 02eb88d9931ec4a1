package dev.poolstress.engine.percpu;

import dev.poolstress.engine.CoherentPage;
import dev.poolstress.engine.FreeBlocks;
import dev.poolstress.engine.LockStrategy;
import dev.poolstress.engine.lock.IrqSaveLock;

/**
 * What every magazine strategy shares: a global lock guarding the {@link Depot} and the free list, growth under that
 * lock, the ownership check a free needs before its block joins a magazine, and the debug-mode bypass (as SLUB
 * bypasses its per-CPU fast path for debug caches, so every free meets the kernel's checks against the one free
 * list). Subclasses say only how a caller finds its own {@link MagazinePair} and what excludes others from it.
 */
abstract class MagazineFrontEnd implements LockStrategy {
    final FreeBlocks freeBlocks;
    final IrqSaveLock global;
    final Depot depot;
    private final boolean bypass;

    MagazineFrontEnd(FreeBlocks blocks, IrqSaveLock global, int capacity, int batch) {
        this.freeBlocks = blocks;
        this.global = global;
        this.depot = new Depot(blocks, global, capacity, batch);
        this.bypass = blocks.debug();
    }

    @Override
    public final long alloc() {
        return bypass ? global.alloc() : allocCached();
    }

    @Override
    public final long grow(CoherentPage page) {
        return global.grow(page);
    }

    @Override
    public final void free(long dma) {
        if (bypass) {
            global.free(dma);
            return;
        }
        freeBlocks.checkOwned(dma);
        freeCached(dma);
    }

    /** A block from the caller's magazines (or through them from the depot); {@code NULL} if the pool must grow. */
    abstract long allocCached();

    /** Keeps a block of this pool, already checked, in the caller's magazines. */
    abstract void freeCached(long dma);
}
