package dev.poolstress.stress.broken;

import dev.poolstress.engine.FreeBlocks;
import dev.poolstress.engine.lock.IrqSaveLock;
import dev.poolstress.stress.ownership.ConcurrentAllocsNeverShareABlock;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * BROKEN: a spinlock whose handoff is not atomic. A test-and-test-and-set lock whose acquire reads the lock word
 * free and then writes it taken as two separate accesses instead of one compare-and-set, so two CPUs that both read
 * it free both enter. Taken with irqsave like the built-ins. {@link ConcurrentAllocsNeverShareABlock} must catch it.
 */
@CaughtBy(ConcurrentAllocsNeverShareABlock.class)
public final class NonAtomicTtasSpinLock extends IrqSaveLock {
    private static final VarHandle LOCKED;

    static {
        try {
            LOCKED = MethodHandles.lookup().findVarHandle(NonAtomicTtasSpinLock.class, "locked", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @SuppressWarnings("unused") // accessed through LOCKED
    private volatile int locked;

    public NonAtomicTtasSpinLock(FreeBlocks blocks) {
        super(blocks, "broken-nonatomic-ttas");
    }

    @Override
    protected void acquire() {
        while ((int) LOCKED.getVolatile(this) != 0) {
            Thread.onSpinWait();
        }
        LOCKED.setVolatile(this, 1); // BROKEN: another CPU may have read 0 too and be writing 1 as well
    }

    @Override
    protected void release() {
        LOCKED.setRelease(this, 0);
    }
}
