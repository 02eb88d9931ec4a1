package dev.poolstress.engine.percpu;

import dev.poolstress.engine.FreeBlocks;
import dev.poolstress.engine.cpu.CpuThread;
import dev.poolstress.engine.lock.IrqSaveLock;
import dev.poolstress.engine.lock.TtasSpinLock;
import java.util.Arrays;

/**
 * Per-thread magazines ({@code thread-cache}): each Java thread pops and pushes blocks on a loaded and a previous
 * magazine of its own, with no atomic and no irq gate, and trades whole magazines with a {@link Depot} under the
 * global lock only when both are exhausted, as {@code percpu} does per CPU. Choose it when each thread allocates and
 * frees mostly its own blocks and the cost of an operation matters more than where a free block waits.
 *
 * <h2>Why no exclusion is needed</h2>
 * A thread's magazines are touched only by that thread, and a thread runs one thing at a time. That holds in irq
 * context too: an interrupt handler runs on the thread that delivers it ({@link
 * dev.poolstress.engine.cpu.Cpus#deliverIrq}), synchronously, so a handler's frees land in the delivering thread's
 * magazines, and no handler starts in the middle of a pool operation, since no pool operation delivers one. (A real
 * CPU can be interrupted anywhere, which is why the kernel keeps per-CPU, not per-task, caches with interrupts off;
 * this strategy is correct for Java threads and this machine model, not as a kernel design.)
 *
 * <h2>Finding a thread's magazines</h2>
 * A {@link CpuThread} keeps its magazines for one pool in a field ({@link CpuThread#cacheFor}); any other thread, or
 * a {@code CpuThread} moving between pools, finds them through this strategy's {@code ThreadLocal}. A thread's first
 * operation on the pool makes its magazines and registers them under the global lock; that, and a new empty magazine
 * when the depot has none, are the only allocations.
 *
 * <h2>Nothing is lost from sight</h2>
 * <ul>
 *   <li>{@link #cached()} counts the blocks of every registered thread and of the depot, so {@code nrActive} stays
 *       exact when the pool is quiescent.</li>
 *   <li>A thread that has ended gives its blocks back: before the pool grows, an allocation that found no block
 *       returns every ended thread's magazines to the free list and drops their registration. Seeing a thread ended
 *       ({@link Thread#isAlive()}) happens-after its last action (JLS 17.4.4), so its magazines are read safely. The
 *       limit: the blocks wait, counted as free, until some allocation needs them; and a registered thread is kept
 *       reachable until then.</li>
 *   <li>{@link #flushThreadCaches()} gives every thread's blocks back, for a loss audit run from one thread on a
 *       quiescent pool; a live thread's blocks are otherwise out of other threads' reach, so a thread may grow the
 *       pool while another holds free blocks (at most two magazines each).</li>
 * </ul>
 * In debug mode the magazines are bypassed, as in {@code percpu}, so every free meets the checks against the one free
 * list.
 */
public final class PerThreadMagazines extends MagazineFrontEnd {
    /** The id it is chosen by and reports under. */
    public static final String ID = "thread-cache";

    /** Blocks per magazine. */
    public static final int DEFAULT_CAPACITY = PerCpuMagazines.DEFAULT_CAPACITY;
    /** Blocks taken from the free list in one trip when the depot has no full magazine. */
    public static final int DEFAULT_BATCH = PerCpuMagazines.DEFAULT_BATCH;

    /** One thread's magazines, and the thread. */
    private static final class ThreadMagazines extends MagazinePair {
        final Thread owner;

        ThreadMagazines(Thread owner, int capacity) {
            super(capacity);
            this.owner = owner;
        }
    }

    private final ThreadLocal<ThreadMagazines> mine = ThreadLocal.withInitial(this::register);
    /** Every registered thread's magazines; replaced whole under the global lock, read by {@link #cached()}. */
    private volatile ThreadMagazines[] registry = new ThreadMagazines[0];

    public PerThreadMagazines(FreeBlocks blocks) {
        this(blocks, DEFAULT_CAPACITY, DEFAULT_BATCH, new TtasSpinLock(blocks, "thread-cache depot lock"));
    }

    /**
     * @param capacity blocks per magazine
     * @param batch    blocks taken from the free list at once when the depot has no full magazine
     * @param global   the lock that guards the depot, the free list and the registry, taken with irqsave
     */
    public PerThreadMagazines(FreeBlocks blocks, int capacity, int batch, IrqSaveLock global) {
        super(blocks, global, capacity, batch);
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    long allocCached() {
        ThreadMagazines magazines = magazines();
        long dma = magazines.pop(depot);
        if (dma == FreeBlocks.NULL && reclaimEndedThreads() > 0) {
            dma = magazines.pop(depot);
        }
        return dma;
    }

    @Override
    void freeCached(long dma) {
        magazines().push(dma, depot);
    }

    @Override
    public long cached() {
        long cached = depot.cachedBlocks();
        for (ThreadMagazines magazines : registry) {
            cached += magazines.count();
        }
        return cached;
    }

    @Override
    public void flushThreadCaches() {
        long flags = global.lockIrqSave();
        try {
            for (ThreadMagazines magazines : registry) {
                depot.flushLocked(magazines);
            }
        } finally {
            global.unlockIrqRestore(flags);
        }
    }

    /** The calling thread's magazines: a field of a {@link CpuThread} on the fast path, else the fallback. */
    private ThreadMagazines magazines() {
        Thread thread = Thread.currentThread();
        if (thread instanceof CpuThread) {
            Object kept = ((CpuThread) thread).cacheFor(this);
            if (kept != null) {
                return (ThreadMagazines) kept;
            }
            ThreadMagazines magazines = mine.get();
            ((CpuThread) thread).keepCache(this, magazines);
            return magazines;
        }
        return mine.get();
    }

    /** The calling thread's first operation: its magazines, registered. */
    private ThreadMagazines register() {
        ThreadMagazines magazines = new ThreadMagazines(Thread.currentThread(), depot.capacity());
        long flags = global.lockIrqSave();
        try {
            ThreadMagazines[] old = registry;
            ThreadMagazines[] grown = Arrays.copyOf(old, old.length + 1);
            grown[old.length] = magazines;
            registry = grown;
        } finally {
            global.unlockIrqRestore(flags);
        }
        return magazines;
    }

    /** Returns the blocks of every ended thread to the free list and forgets the thread; how many blocks. */
    private int reclaimEndedThreads() {
        if (allAlive(registry)) {
            return 0; // no lock taken when no thread ended: a thread that ends later is found next time
        }
        long flags = global.lockIrqSave();
        try {
            ThreadMagazines[] old = registry;
            ThreadMagazines[] live = new ThreadMagazines[old.length];
            int kept = 0;
            int reclaimed = 0;
            for (ThreadMagazines magazines : old) {
                if (magazines.owner.isAlive()) {
                    live[kept++] = magazines;
                } else {
                    reclaimed += depot.flushLocked(magazines);
                }
            }
            registry = Arrays.copyOf(live, kept);
            return reclaimed;
        } finally {
            global.unlockIrqRestore(flags);
        }
    }

    private static boolean allAlive(ThreadMagazines[] registered) {
        for (ThreadMagazines magazines : registered) {
            if (!magazines.owner.isAlive()) {
                return false;
            }
        }
        return true;
    }
}
