package dev.poolstress.engine.lock;

import dev.poolstress.engine.FreeBlocks;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Ticket spinlock ({@code spin-ticket}), the kernel's spinlock from 2.6.25 to 4.2: a waiter takes the next ticket
 * and spins until the owner counter reaches it, so the lock is granted in arrival order. Fair, one atomic per
 * acquisition; all waiters still spin on one word. Choose it when fairness matters more than scaling.
 */
public final class TicketSpinLock extends IrqSaveLock {
    /** The id it is chosen by and reports under. */
    public static final String ID = "spin-ticket";

    private static final VarHandle NEXT;
    private static final VarHandle OWNER;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            NEXT = lookup.findVarHandle(TicketSpinLock.class, "next", int.class);
            OWNER = lookup.findVarHandle(TicketSpinLock.class, "owner", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @SuppressWarnings("unused") // accessed through NEXT
    private volatile int next;
    @SuppressWarnings("unused") // accessed through OWNER
    private volatile int owner;

    /** The pool's lock, strategy {@code spin-ticket}. */
    public TicketSpinLock(FreeBlocks blocks) {
        super(blocks, ID);
    }

    /**
     * A lock inside another strategy, reported to the validator under {@code name} (after the pool's name and a
     * dot), so that its reports say which part of that strategy it guards.
     */
    public TicketSpinLock(FreeBlocks blocks, String name) {
        super(blocks, ID, name);
    }

    @Override
    protected void acquire() {
        int ticket = (int) NEXT.getAndAdd(this, 1);
        int spins = 0;
        // acquire: reading our ticket in owner orders the section after the previous holder's release
        while ((int) OWNER.getAcquire(this) != ticket) {
            spins = SpinWait.pause(spins);
        }
    }

    @Override
    protected void release() {
        // only the holder writes owner, so a plain read of it is current
        OWNER.setRelease(this, (int) OWNER.get(this) + 1);
    }
}
