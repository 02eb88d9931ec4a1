package dev.poolstress.scenarios.storm;

import dev.poolstress.engine.CoherentPage;
import dev.poolstress.engine.FreeBlocks;
import dev.poolstress.engine.LockStrategy;
import dev.poolstress.engine.lock.TicketSpinLock;
import dev.poolstress.engine.pool.DmaPool;

/**
 * Deliberately broken: a correct ticket lock, except that every 16th allocation hands out again the block it
 * handed out last, if that block has not been freed since: a block given to a second owner while the first still
 * holds it.
 */
public final class DoubleHandingStrategy implements LockStrategy {
    private final LockStrategy inner;
    private long calls;
    private long last = DmaPool.NULL;

    public DoubleHandingStrategy(FreeBlocks blocks) {
        this.inner = new TicketSpinLock(blocks);
    }

    @Override
    public long alloc() {
        synchronized (this) {
            if (++calls % 16 == 0 && last != DmaPool.NULL) {
                return last;
            }
        }
        long dma = inner.alloc();
        synchronized (this) {
            last = dma;
        }
        return dma;
    }

    @Override
    public long grow(CoherentPage page) {
        long dma = inner.grow(page);
        synchronized (this) {
            last = dma;
        }
        return dma;
    }

    @Override
    public void free(long dma) {
        synchronized (this) {
            if (dma == last) {
                last = DmaPool.NULL;
            }
        }
        inner.free(dma);
    }

    @Override
    public String id() {
        return "double-handing";
    }
}
