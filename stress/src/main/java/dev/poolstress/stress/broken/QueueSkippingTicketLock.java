package dev.poolstress.stress.broken;

import dev.poolstress.engine.FreeBlocks;
import dev.poolstress.engine.lock.IrqSaveLock;
import dev.poolstress.stress.termination.IrqStormTerminates;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * BROKEN: a ticket spinlock whose release hands the lock past its queue. Release serves the next ticket still to be
 * taken instead of the holder's ticket plus one, which is the same number while nobody waits, so every
 * single-threaded test passes; but a CPU that queued during the critical section holds a ticket that is now behind
 * the owner counter, and it spins forever. Mutual exclusion holds throughout: this is a liveness bug only, which
 * {@link IrqStormTerminates} must catch as a CPU that never finishes. Any other test run against it wedges too,
 * until the runner's time-out ends the run.
 */
@CaughtBy(IrqStormTerminates.class)
public final class QueueSkippingTicketLock extends IrqSaveLock {
    private static final VarHandle NEXT;
    private static final VarHandle OWNER;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            NEXT = lookup.findVarHandle(QueueSkippingTicketLock.class, "next", int.class);
            OWNER = lookup.findVarHandle(QueueSkippingTicketLock.class, "owner", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @SuppressWarnings("unused") // accessed through NEXT
    private volatile int next;
    @SuppressWarnings("unused") // accessed through OWNER
    private volatile int owner;

    public QueueSkippingTicketLock(FreeBlocks blocks) {
        super(blocks, "broken-queue-skipping-ticket");
    }

    @Override
    protected void acquire() {
        int ticket = (int) NEXT.getAndAdd(this, 1);
        while ((int) OWNER.getAcquire(this) != ticket) {
            Thread.onSpinWait();
        }
    }

    @Override
    protected void release() {
        OWNER.setRelease(this, (int) NEXT.getVolatile(this)); // BROKEN: skips every ticket taken while we held it
    }
}
