package dev.poolstress.stress.broken;

import dev.poolstress.engine.FreeBlocks;
import dev.poolstress.engine.lock.IrqSaveLock;
import dev.poolstress.stress.debug.DoubleFreeDetectedOnce;
import dev.poolstress.stress.growth.GrowWhileAllocating;
import dev.poolstress.stress.ownership.ConcurrentAllocsNeverShareABlock;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * BROKEN: a lock that gives up after a bounded spin and proceeds. A test-and-set spinlock taken with irqsave whose
 * waiter, after {@value #SPIN_LIMIT} failed tries, assumes the holder is gone and enters anyway, as a "deadlock
 * breaker" would; its release then frees the lock under the real holder, so exclusion stays broken for a while. It
 * only shows when a waiter spins that long: when the holder is preempted, or stays in a long section.
 * {@link DoubleFreeDetectedOnce} must catch it: a debug free walks a page's worth of free blocks under the lock, longer
 * than {@value #SPIN_LIMIT} tries, so the second CPU gives up, walks the list the first has not pushed to yet, and
 * both frees are accepted. {@link ConcurrentAllocsNeverShareABlock} and {@link GrowWhileAllocating} catch it only when
 * the holder happens to be held up (tens of samples a run).
 */
@CaughtBy({DoubleFreeDetectedOnce.class, GrowWhileAllocating.class, ConcurrentAllocsNeverShareABlock.class})
public final class GiveUpSpinLock extends IrqSaveLock {
    static final int SPIN_LIMIT = 64;
    private static final VarHandle LOCKED;

    static {
        try {
            LOCKED = MethodHandles.lookup().findVarHandle(GiveUpSpinLock.class, "locked", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @SuppressWarnings("unused") // accessed through LOCKED
    private volatile int locked;

    public GiveUpSpinLock(FreeBlocks blocks) {
        super(blocks, "broken-give-up-spin");
    }

    @Override
    protected void acquire() {
        for (int tries = 1; (int) LOCKED.getAndSet(this, 1) != 0; tries++) {
            if (tries == SPIN_LIMIT) {
                return; // BROKEN: enters the section while the holder is still in it
            }
            Thread.onSpinWait();
        }
    }

    @Override
    protected void release() {
        LOCKED.setRelease(this, 0);
    }
}
