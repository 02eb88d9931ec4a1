package dev.poolstress.engine.lock;

import dev.poolstress.engine.CoherentPage;
import dev.poolstress.engine.FreeBlocks;
import dev.poolstress.engine.LockStrategy;
import dev.poolstress.engine.cpu.Cpus;
import dev.poolstress.engine.lockdep.LockRecord;

/**
 * A {@code synchronized} block as the pool's lock ({@code synchronized}), taken with interrupts off like the
 * kernel's spinlock. The JVM's own monitor: a thin lock when uncontended, inflated to a parking monitor under
 * contention. The baseline every other strategy is compared with.
 */
public final class SynchronizedStrategy implements LockStrategy {
    /** The id it is chosen by and reports under. */
    public static final String ID = "synchronized";

    private final FreeBlocks blocks;
    private final Cpus cpus;
    private final Object monitor = new Object();
    private final LockRecord lockRecord;

    public SynchronizedStrategy(FreeBlocks blocks) {
        this.blocks = blocks;
        this.cpus = blocks.cpus();
        this.lockRecord = new LockRecord(blocks.poolName() + ".lock(synchronized)");
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public long alloc() {
        long flags = enter();
        try {
            synchronized (monitor) {
                return blocks.pop();
            }
        } finally {
            exit(flags);
        }
    }

    @Override
    public long grow(CoherentPage page) {
        long flags = enter();
        try {
            synchronized (monitor) {
                blocks.addPage(page);
                return blocks.pop();
            }
        } finally {
            exit(flags);
        }
    }

    @Override
    public void free(long dma) {
        long flags = enter();
        try {
            synchronized (monitor) {
                blocks.push(dma);
            }
        } finally {
            exit(flags);
        }
    }

    private long enter() {
        return TrackedIrqSave.enter(cpus, lockRecord);
    }

    private void exit(long flags) {
        TrackedIrqSave.exit(cpus, lockRecord, flags);
    }
}
