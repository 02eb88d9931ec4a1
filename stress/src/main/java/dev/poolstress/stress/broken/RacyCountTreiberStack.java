package dev.poolstress.stress.broken;

import dev.poolstress.engine.CoherentPage;
import dev.poolstress.engine.FreeBlocks;
import dev.poolstress.engine.LockStrategy;
import dev.poolstress.engine.lock.TicketSpinLock;
import dev.poolstress.engine.pool.DmaPool;
import dev.poolstress.stress.loss.AllocFreeLosesNoBlock;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * BROKEN: a counter updated without atomicity. A correct tagged Treiber stack of freed blocks, except that the count
 * of blocks it caches (which the pool subtracts from {@code nrActive}) is a plain field bumped with {@code ++} and
 * {@code --}, so two CPUs freeing at once lose an update and {@code nrActive} drifts.
 * {@link AllocFreeLosesNoBlock} must catch it ({@code nrActive} disagrees).
 */
@CaughtBy(AllocFreeLosesNoBlock.class)
public final class RacyCountTreiberStack implements LockStrategy {
    private static final int TAG_SHIFT = 44;
    private static final long DMA_MASK = (1L << TAG_SHIFT) - 1;
    private static final VarHandle HEAD;

    static {
        try {
            HEAD = MethodHandles.lookup().findVarHandle(RacyCountTreiberStack.class, "head", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final FreeBlocks blocks;
    private final TicketSpinLock fallback;
    @SuppressWarnings("unused") // accessed through HEAD
    private volatile long head;
    private long cached;

    public RacyCountTreiberStack(FreeBlocks blocks) {
        this.blocks = blocks;
        this.fallback = new TicketSpinLock(blocks, "broken-racy-count free list lock");
    }

    @Override
    public long alloc() {
        while (true) {
            long top = (long) HEAD.getAcquire(this);
            long dma = top & DMA_MASK;
            if (dma == DmaPool.NULL) {
                return fallback.alloc();
            }
            long next = blocks.readLink(dma);
            if (HEAD.compareAndSet(this, top, ((top & ~DMA_MASK) + (1L << TAG_SHIFT)) | next)) {
                cached--; // BROKEN: read-modify-write racing other CPUs
                return dma;
            }
        }
    }

    @Override
    public long grow(CoherentPage page) {
        return fallback.grow(page);
    }

    @Override
    public void free(long dma) {
        while (true) {
            long top = (long) HEAD.getAcquire(this);
            blocks.writeLink(dma, top & DMA_MASK);
            if (HEAD.compareAndSet(this, top, ((top & ~DMA_MASK) + (1L << TAG_SHIFT)) | dma)) {
                cached++; // BROKEN: read-modify-write racing other CPUs
                return;
            }
        }
    }

    @Override
    public long cached() {
        return cached;
    }

    @Override
    public String id() {
        return "broken-racy-count";
    }
}
