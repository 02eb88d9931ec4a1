package dev.poolstress.stress.broken;

import dev.poolstress.engine.CoherentPage;
import dev.poolstress.engine.FreeBlocks;
import dev.poolstress.engine.LockStrategy;
import dev.poolstress.engine.cpu.Cpus;
import dev.poolstress.engine.lock.TicketSpinLock;
import dev.poolstress.engine.pool.DmaPool;
import dev.poolstress.stress.irq.IrqFreeOnSameCpuRacesAlloc;

/**
 * BROKEN: a per-CPU cache touched without its CPU's exclusion. Per-CPU stacks of free blocks, refilled from and
 * flushed to the free list in batches under a spinlock (simpler than {@code percpu}'s magazines and depot), but
 * popped and pushed without disabling that CPU's interrupts, so a completion handler on CPU 0 and CPU 0's own
 * allocation (or two threads placed on one CPU) update one stack at once. {@link IrqFreeOnSameCpuRacesAlloc} must
 * catch it.
 */
@CaughtBy(IrqFreeOnSameCpuRacesAlloc.class)
public final class UnguardedPerCpuCache implements LockStrategy {
    private static final int CAPACITY = 16;
    private static final int BATCH = 8;

    private final FreeBlocks blocks;
    private final Cpus cpus;
    private final TicketSpinLock depot;
    private final long[][] stacks;
    private final int[] counts;

    public UnguardedPerCpuCache(FreeBlocks blocks) {
        this.blocks = blocks;
        this.cpus = blocks.cpus();
        this.depot = new TicketSpinLock(blocks, "broken-unguarded-percpu depot lock");
        this.stacks = new long[cpus.count()][CAPACITY];
        this.counts = new int[cpus.count()];
    }

    @Override
    public long alloc() {
        int cpu = cpus.current(); // BROKEN: no localIrqSave around the stack
        if (counts[cpu] == 0) {
            long flags = depot.lockIrqSave();
            try {
                while (counts[cpu] < BATCH) {
                    long dma = blocks.pop();
                    if (dma == DmaPool.NULL) {
                        break;
                    }
                    stacks[cpu][counts[cpu]++] = dma;
                }
            } finally {
                depot.unlockIrqRestore(flags);
            }
            if (counts[cpu] == 0) {
                return DmaPool.NULL;
            }
        }
        return stacks[cpu][--counts[cpu]];
    }

    @Override
    public long grow(CoherentPage page) {
        return depot.grow(page);
    }

    @Override
    public void free(long dma) {
        blocks.checkOwned(dma);
        int cpu = cpus.current(); // BROKEN: no localIrqSave around the stack
        if (counts[cpu] == CAPACITY) {
            long flags = depot.lockIrqSave();
            try {
                for (int i = 0; i < BATCH; i++) {
                    blocks.push(stacks[cpu][--counts[cpu]]);
                }
            } finally {
                depot.unlockIrqRestore(flags);
            }
        }
        stacks[cpu][counts[cpu]++] = dma;
    }

    @Override
    public long cached() {
        long sum = 0;
        for (int count : counts) {
            sum += count;
        }
        return sum;
    }

    @Override
    public String id() {
        return "broken-unguarded-percpu";
    }
}
