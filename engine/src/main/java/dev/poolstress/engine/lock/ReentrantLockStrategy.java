package dev.poolstress.engine.lock;

import dev.poolstress.engine.FreeBlocks;
import java.util.concurrent.locks.ReentrantLock;

/**
 * {@link ReentrantLock} as the pool's lock ({@code reentrant}, or {@code reentrant-fair} for the fair variant),
 * taken with interrupts off like the kernel's spinlock. Waiters spin briefly, then park, so a descheduled holder
 * costs waiters no CPU; the fair variant hands the lock over in arrival order at a large throughput cost. Choose it
 * when threads outnumber cores.
 */
public final class ReentrantLockStrategy extends IrqSaveLock {
    /** The ids it is chosen by and reports under: unfair, and fair. */
    public static final String ID = "reentrant";
    public static final String FAIR_ID = "reentrant-fair";

    private final ReentrantLock lock;

    public ReentrantLockStrategy(FreeBlocks blocks) {
        this(blocks, false);
    }

    public ReentrantLockStrategy(FreeBlocks blocks, boolean fair) {
        super(blocks, fair ? FAIR_ID : ID);
        this.lock = new ReentrantLock(fair);
    }

    @Override
    protected void acquire() {
        lock.lock();
    }

    @Override
    protected void release() {
        lock.unlock();
    }
}
