package dev.poolstress.stress.broken;

import dev.poolstress.engine.CoherentPage;
import dev.poolstress.engine.FreeBlocks;
import dev.poolstress.engine.LockStrategy;
import dev.poolstress.engine.lock.TicketSpinLock;
import dev.poolstress.engine.pool.DmaPool;
import dev.poolstress.stress.ownership.PopPushRaceNeverSharesABlock;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.LongAdder;

/**
 * BROKEN: an ABA tag too narrow to matter. A Treiber stack like {@code lockfree}, but its head packs only a
 * {@value #TAG_BITS}-bit tag beside the dma (the rest of the word "saved" for something else), so the tag comes back
 * after {@code 2^TAG_BITS} changes and a pop stalled across exactly that many swaps A for a stale successor as if
 * there were no tag. {@link PopPushRaceNeverSharesABlock} must catch it: each of CPU 1's rounds is four changes.
 */
@CaughtBy(PopPushRaceNeverSharesABlock.class)
public final class NarrowTagTreiberStack implements LockStrategy {
    static final int TAG_BITS = 2;
    private static final int TAG_SHIFT = 44;
    private static final long DMA_MASK = (1L << TAG_SHIFT) - 1;
    private static final long TAG_MASK = ((1L << TAG_BITS) - 1) << TAG_SHIFT;
    private static final VarHandle HEAD;

    static {
        try {
            HEAD = MethodHandles.lookup().findVarHandle(NarrowTagTreiberStack.class, "head", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final FreeBlocks blocks;
    private final TicketSpinLock fallback;
    private final LongAdder cached = new LongAdder();
    @SuppressWarnings("unused") // accessed through HEAD
    private volatile long head;

    public NarrowTagTreiberStack(FreeBlocks blocks) {
        this.blocks = blocks;
        this.fallback = new TicketSpinLock(blocks, "broken-narrow-tag-treiber free list lock");
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
            if (HEAD.compareAndSet(this, top, pack(next, top))) {
                cached.decrement();
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
            if (HEAD.compareAndSet(this, top, pack(dma, top))) {
                cached.increment();
                return;
            }
        }
    }

    @Override
    public long cached() {
        return cached.sum();
    }

    @Override
    public String id() {
        return "broken-narrow-tag-treiber";
    }

    private static long pack(long dma, long previous) {
        return ((previous + (1L << TAG_SHIFT)) & TAG_MASK) | dma; // BROKEN: wraps after 2^TAG_BITS changes
    }
}
