package dev.poolstress.engine.lockfree;

import dev.poolstress.engine.CoherentPage;
import dev.poolstress.engine.FreeBlocks;
import dev.poolstress.engine.LockStrategy;
import dev.poolstress.engine.lock.IrqSaveLock;
import dev.poolstress.engine.lock.TicketSpinLock;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A lock-free stack of freed blocks ({@code lockfree}) after Treiber (IBM, 1986), in front of the pool's free list:
 * free pushes and alloc pops with one compare-and-set on a head word that packs the top block's dma with a 20-bit
 * tag bumped by every change, so a head that was popped and pushed back in between (ABA) fails the swap. The free
 * link lives in the block, as in the kernel. Only blocks never freed before come from the free list, under a
 * spinlock. Choose it when many CPUs free what others allocate and no lock may be held in irq context.
 *
 * <h2>Invariants</h2>
 * <ul>
 *   <li>A block is on the stack at most once; a pop whose head changed since it was read fails and retries.</li>
 *   <li>The tag wraps after 2^20 changes: a pop stalled between its read and its swap for exactly that many
 *       changes could still suffer ABA. Kernels accept the same bound with their sequence counters.</li>
 *   <li>Each pushed block carries, beside its link, the depth of the stack it tops, so {@link #cached()} is the
 *       head block's depth: exact when the pool is quiescent, with no counter written beside the head (a double
 *       free outside debug mode counts twice, as a counter would, so destroy still reports it).</li>
 * </ul>
 * In debug mode every call goes through the spinlock to the free list, so the kernel's checks see every block.
 */
public final class TreiberStack implements LockStrategy {
    /** The id it is chosen by and reports under. */
    public static final String ID = "lockfree";

    private static final int TAG_SHIFT = 44;
    private static final long DMA_MASK = (1L << TAG_SHIFT) - 1;
    private static final long TAG_ONE = 1L << TAG_SHIFT;
    private static final VarHandle HEAD;

    static {
        try {
            HEAD = MethodHandles.lookup().findVarHandle(TreiberStack.class, "head", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final FreeBlocks blocks;
    /** Guards the free list; package-private for the test of its name. */
    final IrqSaveLock fallback;
    private final boolean bypass;
    @SuppressWarnings("unused") // accessed through HEAD
    private volatile long head;

    public TreiberStack(FreeBlocks blocks) {
        this.blocks = blocks;
        this.fallback = new TicketSpinLock(blocks, "lockfree free list lock");
        this.bypass = blocks.debug();
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public long alloc() {
        if (bypass) {
            return fallback.alloc();
        }
        while (true) {
            long top = (long) HEAD.getAcquire(this);
            long dma = top & DMA_MASK;
            if (dma == FreeBlocks.NULL) {
                return fallback.alloc();
            }
            // NOTE: another thread may pop this block and write to it before our swap; the link read then is
            // garbage, but the tag has moved on and the swap fails
            long next = blocks.readLink(dma);
            if (HEAD.compareAndSet(this, top, pack(next, top))) {
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
        if (bypass) {
            fallback.free(dma);
            return;
        }
        while (true) {
            long top = (long) HEAD.getAcquire(this);
            long below = top & DMA_MASK;
            // NOTE: the old top may be popped and reused before our swap; its depth read then is garbage, but the
            // tag has moved on and the swap fails
            long depth = below == FreeBlocks.NULL ? 1 : blocks.readMark(below) + 1;
            blocks.writeLink(dma, below, depth); // throws "bad dma" for a block not of this pool
            // release: the link written above is visible to whoever pops this block
            if (HEAD.compareAndSet(this, top, pack(dma, top))) {
                return;
            }
        }
    }

    @Override
    public long cached() {
        long dma = (long) HEAD.getAcquire(this) & DMA_MASK;
        return dma == FreeBlocks.NULL ? 0 : blocks.readMark(dma);
    }

    private static long pack(long dma, long previous) {
        return ((previous & ~DMA_MASK) + TAG_ONE) | dma;
    }
}
