package dev.poolstress.scenarios.storm;

import dev.poolstress.engine.CoherentPage;
import dev.poolstress.engine.FreeBlocks;
import dev.poolstress.engine.LockStrategy;
import dev.poolstress.engine.lock.TicketSpinLock;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A correct ticket lock on a device that runs out of direct memory: from the fourth page on, growing throws the
 * {@link OutOfMemoryError} that {@code ByteBuffer.allocateDirect} throws at {@code -XX:MaxDirectMemorySize}.
 */
public final class OutOfMemoryOnGrowStrategy implements LockStrategy {
    private static final int PAGES = 3;
    private final LockStrategy inner;
    private final AtomicInteger grown = new AtomicInteger();

    public OutOfMemoryOnGrowStrategy(FreeBlocks blocks) {
        this.inner = new TicketSpinLock(blocks);
    }

    @Override
    public long alloc() {
        return inner.alloc();
    }

    @Override
    public long grow(CoherentPage page) {
        if (grown.incrementAndGet() > PAGES) {
            throw new OutOfMemoryError("Cannot reserve 4096 bytes of direct buffer memory (allocated: 12288, limit: "
                    + "12288)");
        }
        return inner.grow(page);
    }

    @Override
    public void free(long dma) {
        inner.free(dma);
    }

    @Override
    public String id() {
        return "oom-on-grow";
    }
}
