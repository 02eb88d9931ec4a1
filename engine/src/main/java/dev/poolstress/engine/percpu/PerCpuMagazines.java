package dev.poolstress.engine.percpu;

import dev.poolstress.engine.FreeBlocks;
import dev.poolstress.engine.cpu.Cpus;
import dev.poolstress.engine.lock.TtasSpinLock;

/**
 * Per-CPU magazines ({@code percpu}): Bonwick's magazines and depot (USENIX 2001) in front of the pool's free list.
 * Each virtual CPU pops and pushes blocks on its loaded magazine with only its own interrupts off, swapping in its
 * previous magazine when the loaded one runs empty or full. Only when both are exhausted does it take the global
 * lock, to exchange a whole magazine with the depot in O(1), or, when the depot has no full magazine, to refill its
 * loaded one from the free list. Choose it when
 * allocations and frees are spread over CPUs, or when frees arrive in irq context on another CPU than the alloc.
 *
 * <h2>Invariants</h2>
 * <ul>
 *   <li>A CPU's magazines are touched only with that CPU's irq gate held, so two threads on one CPU, or a handler and
 *       the process context it interrupts, never touch them at once; the depot only with the global lock held.</li>
 *   <li>A block is in at most one place: a magazine, the free list, or a user's hands.</li>
 *   <li>Blocks in magazines are free: {@link #cached()} is subtracted from the free list's active count.</li>
 * </ul>
 * Blocks never go back from magazines to the free list (the kernel never frees a pool's pages either), so a CPU that
 * finds the depot empty may grow the pool while another CPU's magazines hold free blocks. In debug mode the
 * magazines are bypassed, as SLUB bypasses its per-CPU fast path for debug caches, so every free meets the
 * kernel's checks against the one free list.
 */
public final class PerCpuMagazines extends MagazineFrontEnd {
    /** The id it is chosen by and reports under. */
    public static final String ID = "percpu";

    /** Blocks per magazine. */
    public static final int DEFAULT_CAPACITY = 64;
    /** Blocks taken from the free list in one trip when the depot has no full magazine. */
    public static final int DEFAULT_BATCH = 32;

    private final Cpus cpus;
    private final MagazinePair[] magazines;

    public PerCpuMagazines(FreeBlocks blocks) {
        this(blocks, DEFAULT_CAPACITY, DEFAULT_BATCH);
    }

    /**
     * @param capacity blocks per magazine
     * @param batch    blocks taken from the free list at once when the depot has no full magazine
     */
    public PerCpuMagazines(FreeBlocks blocks, int capacity, int batch) {
        super(blocks, new TtasSpinLock(blocks, "percpu depot lock"), capacity, batch);
        this.cpus = blocks.cpus();
        this.magazines = new MagazinePair[cpus.count()];
        for (int cpu = 0; cpu < magazines.length; cpu++) {
            magazines[cpu] = new MagazinePair(capacity);
        }
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    long allocCached() {
        long flags = cpus.localIrqSave();
        try {
            return magazines[Cpus.cpuOf(flags)].pop(depot);
        } finally {
            cpus.localIrqRestore(flags);
        }
    }

    @Override
    void freeCached(long dma) {
        long flags = cpus.localIrqSave();
        try {
            magazines[Cpus.cpuOf(flags)].push(dma, depot);
        } finally {
            cpus.localIrqRestore(flags);
        }
    }

    @Override
    public long cached() {
        long cached = depot.cachedBlocks();
        for (MagazinePair cpu : magazines) {
            cached += cpu.count();
        }
        return cached;
    }
}
