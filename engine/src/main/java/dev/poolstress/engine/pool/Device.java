package dev.poolstress.engine.pool;

import dev.poolstress.engine.CoherentMemory;
import dev.poolstress.engine.CoherentPage;
import dev.poolstress.engine.cpu.Cpus;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An emulated DMA-capable device: it hands out coherent pages and lists the pools created on it.
 *
 * <h2>DMA space</h2>
 * Bus addresses start at {@link #DMA_BASE}. A request of n bytes reserves n rounded up to a power-of-two number of
 * {@link #PAGE_SIZE} pages, aligned to that size, as the buddy allocator behind {@code dma_alloc_coherent} does; so a
 * page is aligned to the page size and to any boundary a pool may ask for. A frame table maps each 4096-byte frame of
 * the space to its page, so finding the memory of a bus address costs one array read. Freed ranges are reused.
 *
 * <p>Page requests are serialised on the device; lookups ({@link #page(long)}) take no lock.
 */
public final class Device implements CoherentMemory {
    public static final int PAGE_SIZE = 4096;
    public static final int PAGE_SHIFT = 12;
    /** The first bus address: well above zero, so that {@link DmaPool#NULL} is never a block. */
    public static final long DMA_BASE = 1L << 32;

    private static final int MESSAGE_LIMIT = 1000;

    private final String name;
    private final Cpus cpus;
    /** Newest first, as {@code list_add} leaves {@code dev->dma_pools}. Guarded by itself. */
    private final List<DmaPool> pools = new ArrayList<>();
    private final ArrayDeque<String> messages = new ArrayDeque<>();

    // written in place under the device's lock and republished by a volatile write after every change; grown by
    // doubling, so growing the pool to n pages costs O(n) in all; read without a lock on the hot path
    private volatile CoherentPage[] frames = new CoherentPage[64];
    private final CoherentArena arena = new CoherentArena();
    // guarded by this
    private long nextDma = DMA_BASE;
    private final Map<Long, ArrayDeque<Long>> freedRanges = new HashMap<>();
    private PageFaults faults = PageFaults.none();
    private long pageRequests;
    private long pageFailures;
    private long pagesInUse;

    private Device(String name, Cpus cpus) {
        this.name = name;
        this.cpus = cpus;
    }

    /** A device on the shared {@linkplain Cpus#system() machine}. */
    public static Device create(String name) {
        return create(name, Cpus.system());
    }

    public static Device create(String name, Cpus cpus) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("device name must not be empty");
        }
        return new Device(name, Objects.requireNonNull(cpus, "cpus"));
    }

    public String name() {
        return name;
    }

    @Override
    public Cpus cpus() {
        return cpus;
    }

    /** Makes later page requests fail as {@code policy} says; the count of requests starts again from one. */
    public synchronized void injectFaults(PageFaults policy) {
        faults = Objects.requireNonNull(policy, "policy");
        pageRequests = 0;
    }

    /** {@code dma_alloc_coherent}: {@code size} bytes of coherent memory, or {@code null} if the request fails. */
    public CoherentPage allocCoherent(int size) {
        return allocCoherent(size, null);
    }

    synchronized CoherentPage allocCoherent(int size, Object owner) {
        if (size <= 0) {
            throw new IllegalArgumentException("size must be positive, was " + size);
        }
        if (faults.fail(++pageRequests)) {
            pageFailures++;
            return null;
        }
        long reserved = Long.highestOneBit(Math.max(size, PAGE_SIZE) - 1L) << 1;
        ArrayDeque<Long> reuse = freedRanges.get(reserved);
        long dma;
        if (reuse != null && !reuse.isEmpty()) {
            dma = reuse.pop();
        } else {
            dma = (nextDma + reserved - 1) & -reserved;
            nextDma = dma + reserved;
        }
        ByteBuffer memory = arena.allocate(size);
        CoherentPage page = new CoherentPage(dma, memory, reserved, owner);
        setFrames(page, page);
        pagesInUse++;
        return page;
    }

    /** {@code dma_free_coherent}: gives a page back; its bus addresses may be handed out again. */
    public synchronized void freeCoherent(CoherentPage page) {
        if (page(page.dma()) != page) {
            throw new IllegalArgumentException(page + " is not allocated on device " + name);
        }
        setFrames(page, null);
        freedRanges.computeIfAbsent(page.reserved(), r -> new ArrayDeque<>()).push(page.dma());
        pagesInUse--;
    }

    /** The page that holds bus address {@code dma}, or {@code null}. Lock-free; allocates nothing. */
    @Override
    public CoherentPage page(long dma) {
        CoherentPage[] table = frames;
        long frame = (dma - DMA_BASE) >>> PAGE_SHIFT;
        return frame < table.length ? table[(int) frame] : null;
    }

    public synchronized long pageFailures() {
        return pageFailures;
    }

    public synchronized long pagesInUse() {
        return pagesInUse;
    }

    private void setFrames(CoherentPage page, CoherentPage value) {
        int first = (int) ((page.dma() - DMA_BASE) >>> PAGE_SHIFT);
        int last = first + (int) (page.reserved() >>> PAGE_SHIFT);
        CoherentPage[] table = frames;
        if (last > table.length) {
            table = Arrays.copyOf(table, Math.max(last, table.length * 2));
        }
        // NOTE: a reader still holding a replaced table may miss this change; it can only be looking up a dma it
        // did not get from the pool, since the pool hands out a page's blocks only after the store below
        Arrays.fill(table, first, last, value);
        frames = table; // release: a reader that finds the page sees its memory and fields complete
    }

    /**
     * The kernel's {@code pools} attribute: a header line, then one line per pool, newest first, with the pool's
     * name, blocks in use, blocks in all, block size and pages. Blocks held in a strategy's per-CPU or lock-free
     * cache are free, so they count in the total and not as in use. Taken without stopping the pools, so on a busy
     * pool the figures are a snapshot, as in the kernel.
     */
    public String pools() {
        StringBuilder out = new StringBuilder("poolinfo - 0.1\n");
        synchronized (pools) {
            for (DmaPool pool : pools) {
                PoolStats s = pool.stats();
                out.append(String.format("%-16s %4d %4d %4d %2d\n", pool.name(), s.nrActive(), s.nrBlocks(),
                        s.size(), s.nrPages()));
            }
        }
        return out.toString();
    }

    /** What the device logged ({@code dev_err}), oldest first; the last {@value #MESSAGE_LIMIT} are kept. */
    public List<String> messages() {
        synchronized (messages) {
            return List.copyOf(messages);
        }
    }

    /** Logs a line as {@code dev_err} does: prefixed with the device's name. */
    @Override
    public void logError(String message) {
        synchronized (messages) {
            if (messages.size() == MESSAGE_LIMIT) {
                messages.removeFirst();
            }
            messages.addLast(name + ": " + message);
        }
    }

    void register(DmaPool pool) {
        synchronized (pools) {
            pools.add(0, pool);
        }
    }

    void unregister(DmaPool pool) {
        synchronized (pools) {
            pools.remove(pool);
        }
    }

    @Override
    public String toString() {
        return "device " + name;
    }
}
