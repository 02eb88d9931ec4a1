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
 * BROKEN: a Treiber stack without its ABA tag. The head word holds only the top block's dma, so a pop that read head
 * A and next B still swaps A for B after another CPU popped A and B and pushed A back, putting B, which that CPU
 * owns, back on the stack. {@link PopPushRaceNeverSharesABlock} must catch it.
 */
@CaughtBy(PopPushRaceNeverSharesABlock.class)
public final class UntaggedTreiberStack implements LockStrategy {
    private static final VarHandle HEAD;

    static {
        try {
            HEAD = MethodHandles.lookup().findVarHandle(UntaggedTreiberStack.class, "head", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final FreeBlocks blocks;
    private final TicketSpinLock fallback;
    private final LongAdder cached = new LongAdder();
    @SuppressWarnings("unused") // accessed through HEAD
    private volatile long head;

    public UntaggedTreiberStack(FreeBlocks blocks) {
        this.blocks = blocks;
        this.fallback = new TicketSpinLock(blocks, "broken-untagged-treiber free list lock");
    }

    @Override
    public long alloc() {
        while (true) {
            long top = (long) HEAD.getAcquire(this);
            if (top == DmaPool.NULL) {
                return fallback.alloc();
            }
            long next = blocks.readLink(top);
            if (HEAD.compareAndSet(this, top, next)) { // BROKEN: succeeds on a head that was popped and pushed back
                cached.decrement();
                return top;
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
            blocks.writeLink(dma, top);
            if (HEAD.compareAndSet(this, top, dma)) {
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
        return "broken-untagged-treiber";
    }
}
