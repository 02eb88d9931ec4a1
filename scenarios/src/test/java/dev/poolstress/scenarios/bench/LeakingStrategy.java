package dev.poolstress.scenarios.bench;

import dev.poolstress.engine.CoherentPage;
import dev.poolstress.engine.FreeBlocks;
import dev.poolstress.engine.LockStrategy;

/** A deliberately wrong, single-threaded strategy whose free forgets the block: the pool can never end empty. */
public final class LeakingStrategy implements LockStrategy {
    private final FreeBlocks blocks;

    public LeakingStrategy(FreeBlocks blocks) {
        this.blocks = blocks;
    }

    @Override
    public long alloc() {
        return blocks.pop();
    }

    @Override
    public long grow(CoherentPage page) {
        blocks.addPage(page);
        return blocks.pop();
    }

    @Override
    public void free(long dma) {
        // the bug under test: the block is never pushed back
    }
}
