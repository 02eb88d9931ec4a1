package dev.poolstress.scenarios.storm;

import dev.poolstress.engine.CoherentPage;
import dev.poolstress.engine.FreeBlocks;
import dev.poolstress.engine.LockStrategy;
import dev.poolstress.engine.lock.TicketSpinLock;
import java.util.concurrent.atomic.AtomicLong;

/** Deliberately broken: a correct ticket lock, except that every 50th free is dropped, so its block is lost. */
public final class LeakyFreeStrategy implements LockStrategy {
    private final LockStrategy inner;
    private final AtomicLong frees = new AtomicLong();

    public LeakyFreeStrategy(FreeBlocks blocks) {
        this.inner = new TicketSpinLock(blocks);
    }

    @Override
    public long alloc() {
        return inner.alloc();
    }

    @Override
    public long grow(CoherentPage page) {
        return inner.grow(page);
    }

    @Override
    public void free(long dma) {
        if (frees.incrementAndGet() % 50 != 0) {
            inner.free(dma);
        }
    }

    @Override
    public String id() {
        return "leaky-free";
    }
}
