package dev.poolstress.scenarios.bench;

import dev.poolstress.engine.CoherentPage;
import dev.poolstress.engine.FreeBlocks;
import dev.poolstress.engine.LockStrategy;

/**
 * No locking at all: every call goes straight to the free-block algorithm. Correct only on one thread with no
 * interrupts, which is how {@code bench dmapool-test} runs, to time the algorithm alone beside the same algorithm
 * under a real lock. Not a strategy anyone may choose: it lives in the bench, not among the built-ins.
 */
final class UnlockedFreeBlocks implements LockStrategy {
    private final FreeBlocks blocks;

    UnlockedFreeBlocks(FreeBlocks blocks) {
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
        blocks.push(dma);
    }

    @Override
    public String id() {
        return "unlocked";
    }
}
