package dev.poolstress.engine.percpu;

import dev.poolstress.engine.CoherentPage;
import dev.poolstress.engine.DmaPool;
import dev.poolstress.engine.FreeBlocks;
import dev.poolstress.engine.LockStrategy;
import dev.poolstress.engine.cpu.Cpus;
import dev.poolstress.engine.lock.IrqSaveLock;
import dev.poolstress.engine.lock.TicketSpinLock;

/**
 * Per-CPU stack caches ({@code percpu}) in front of the global free list, after Bonwick's magazines and depot
 * (USENIX 2001) and SLUB's per-CPU lists: each virtual CPU keeps a bounded stack of free blocks that it pops and
 * pushes with only its own interrupts off; an empty stack is refilled, and a full one half flushed, in one batch
 * under the global lock. Choose it when allocations and frees stay on one CPU, or when frees arrive in irq context
 * on the CPU that allocated.
 *
 * <h2>Invariants</h2>
 * <ul>
 *   <li>A CPU's stack is touched only with that CPU's irq gate held, so two threads on one CPU, or a handler and
 *       the process context it interrupts, never touch it at once.</li>
 *   <li>A block is in at most one place: a CPU's stack, the global free list, or a user's hands.</li>
 *   <li>Blocks in the stacks are free: {@link #cached()} is subtracted from the global list's active count.</li>
 * </ul>
 * In debug mode the stacks are bypassed, as SLUB bypasses its per-CPU fast path for debug caches, so that every
 * free meets the kernel's checks against the one free list.
 */
public final class PerCpuStackCache implements LockStrategy {
    /** Blocks a CPU may hold. */
    public static final int DEFAULT_CAPACITY = 64;
    /** Blocks moved per refill or flush. */
    public static final int DEFAULT_BATCH = 32;

    /** Longs between two CPUs' regions: 128 bytes, so neighbours never share a line or a prefetched pair. */
    private static final int GAP = 16;

    private final FreeBlocks freeBlocks;
    private final Cpus cpus;
    private final IrqSaveLock depot;
    /**
     * Every CPU's magazine in one array: CPU k's region starts at {@link #region(int)} with its count, followed by
     * its stack of blocks, top last. Laid out apart, because each CPU writes its own count on every operation.
     */
    private final long[] magazines;
    private final int capacity;
    private final int batch;
    private final boolean bypass;

    public PerCpuStackCache(FreeBlocks blocks) {
        this(blocks, DEFAULT_CAPACITY, DEFAULT_BATCH);
    }

    public PerCpuStackCache(FreeBlocks blocks, int capacity, int batch) {
        if (capacity < 1 || batch < 1 || batch > capacity) {
            throw new IllegalArgumentException("need 1 <= batch <= capacity, was batch " + batch + ", capacity "
                    + capacity);
        }
        this.freeBlocks = blocks;
        this.cpus = blocks.cpus();
        this.depot = new TicketSpinLock(blocks);
        this.capacity = capacity;
        this.batch = batch;
        this.bypass = blocks.debug();
        this.magazines = new long[GAP + cpus.count() * (1 + capacity + GAP)];
    }

    @Override
    public String id() {
        return "percpu";
    }

    @Override
    public long alloc() {
        if (bypass) {
            return depot.alloc();
        }
        long flags = cpus.localIrqSave();
        try {
            int region = region(cpus.current());
            int count = (int) magazines[region];
            if (count == 0 && (count = refill(region)) == 0) {
                return DmaPool.NULL;
            }
            magazines[region] = --count;
            return magazines[region + 1 + count];
        } finally {
            cpus.localIrqRestore(flags);
        }
    }

    @Override
    public long grow(CoherentPage page) {
        return depot.grow(page);
    }

    @Override
    public void free(long dma) {
        if (bypass) {
            depot.free(dma);
            return;
        }
        freeBlocks.checkOwned(dma);
        long flags = cpus.localIrqSave();
        try {
            int region = region(cpus.current());
            int count = (int) magazines[region];
            if (count == capacity) {
                count = flush(region);
            }
            magazines[region + 1 + count] = dma;
            magazines[region] = count + 1;
        } finally {
            cpus.localIrqRestore(flags);
        }
    }

    @Override
    public long cached() {
        long cached = 0;
        for (int cpu = 0; cpu < cpus.count(); cpu++) {
            cached += magazines[region(cpu)];
        }
        return cached;
    }

    private int region(int cpu) {
        return GAP + cpu * (1 + capacity + GAP);
    }

    /** Moves up to a batch of blocks from the global list into an empty magazine; returns how many came. */
    private int refill(int region) {
        int count = 0;
        long flags = depot.lockIrqSave();
        try {
            while (count < batch) {
                long block = freeBlocks.pop();
                if (block == DmaPool.NULL) {
                    break;
                }
                magazines[region + 1 + count++] = block;
            }
        } finally {
            depot.unlockIrqRestore(flags);
        }
        magazines[region] = count;
        return count;
    }

    /** Moves a batch of blocks, the oldest in the full magazine, back to the global list; returns how many remain. */
    private int flush(int region) {
        int stack = region + 1;
        long flags = depot.lockIrqSave();
        try {
            for (int i = 0; i < batch; i++) {
                freeBlocks.push(magazines[stack + i]);
            }
        } finally {
            depot.unlockIrqRestore(flags);
        }
        int remaining = capacity - batch;
        System.arraycopy(magazines, stack + batch, magazines, stack, remaining);
        magazines[region] = remaining;
        return remaining;
    }
}
