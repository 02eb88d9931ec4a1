package com.example.pool;

import dev.poolstress.engine.FreeBlocks;
import dev.poolstress.engine.lock.IrqSaveLock;
import java.util.concurrent.Semaphore;

/**
 * The README's example of a user's own strategy: a binary semaphore as the pool's lock. {@link IrqSaveLock} supplies
 * the kernel's irqsave discipline and the validator's hooks; a subclass supplies only the mutual exclusion. The
 * contract suite runs over it by class name, exactly as over the built-ins.
 */
public final class SemaphoreLock extends IrqSaveLock {
    private final Semaphore permit = new Semaphore(1);

    public SemaphoreLock(FreeBlocks blocks) {
        super(blocks, SemaphoreLock.class.getName()); // its id is the name it is chosen by
    }

    @Override
    protected void acquire() {
        permit.acquireUninterruptibly();
    }

    @Override
    protected void release() {
        permit.release(); // release: the section happens-before the next acquirer's
    }
}
