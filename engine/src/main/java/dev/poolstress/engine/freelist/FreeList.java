package dev.poolstress.engine.freelist;

import dev.poolstress.engine.CoherentMemory;
import dev.poolstress.engine.CoherentPage;
import dev.poolstress.engine.DmaPoolException;
import dev.poolstress.engine.FreeBlocks;
import dev.poolstress.engine.cpu.Cpus;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * What both free-block algorithms share: the pool's figures, its pages, the debug checks on allocation, and the
 * way from a bus address to the block's memory. Subclasses keep the free blocks; none of it locks.
 *
 * <p>The counters are written only with the pool's exclusion held and read without it, as the kernel's
 * {@code pools} attribute reads them: exact when the pool is quiescent.
 */
public abstract class FreeList implements FreeBlocks {
    private static final int DUMP_BYTES = 64;

    protected final String poolName;
    protected final CoherentMemory device;
    protected final BlockLayout layout;
    protected final boolean debug;
    /** Bytes at the start of a free block that hold the algorithm's link, and are not poisoned. */
    protected final int linkBytes;

    protected long nrBlocks;
    protected long nrActive;
    protected long nrPages;

    protected FreeList(String poolName, CoherentMemory device, BlockLayout layout, boolean debug, int linkBytes) {
        this.poolName = poolName;
        this.device = device;
        this.layout = layout;
        this.debug = debug;
        this.linkBytes = linkBytes;
    }

    /** Which algorithm this is. */
    public abstract Algorithm algorithm();

    /** Every page the pool holds, for destroy. Call with the pool quiescent. */
    public abstract List<CoherentPage> pages();

    public long nrBlocks() {
        return nrBlocks;
    }

    public long nrActive() {
        return nrActive;
    }

    public long nrPages() {
        return nrPages;
    }

    public BlockLayout layout() {
        return layout;
    }

    @Override
    public String poolName() {
        return poolName;
    }

    @Override
    public Cpus cpus() {
        return device.cpus();
    }

    @Override
    public boolean debug() {
        return debug;
    }

    @Override
    public void checkOwned(long dma) {
        ownPage(dma);
    }

    @Override
    public long readLink(long dma) {
        CoherentPage page = ownPage(dma);
        return page.memory().getLong((int) (dma - page.dma()));
    }

    @Override
    public void writeLink(long dma, long next) {
        CoherentPage page = ownPage(dma);
        page.memory().putLong((int) (dma - page.dma()), next);
    }

    @Override
    public void writeLink(long dma, long next, long mark) {
        CoherentPage page = ownPage(dma);
        int offset = (int) (dma - page.dma());
        page.memory().putLong(offset, next);
        page.memory().putLong(offset + Long.BYTES, mark);
    }

    @Override
    public long readMark(long dma) {
        CoherentPage page = ownPage(dma);
        return page.memory().getLong((int) (dma - page.dma()) + Long.BYTES);
    }

    /**
     * Mainline {@code pool_check_block}, run after the block left the free list: reports a block whose poison was
     * overwritten while it was free, then poisons it as allocated unless it is about to be zeroed.
     */
    public void checkOnAlloc(long dma, boolean zeroing) {
        CoherentPage page = device.page(dma);
        int offset = (int) (dma - page.dma());
        ByteBuffer memory = page.memory();
        int bad = Poison.firstMismatch(memory, offset + linkBytes, offset + layout.size(), Poison.FREED);
        if (bad >= 0) {
            reportCorrupted(dma, memory, offset);
        }
        if (!zeroing) {
            Poison.fill(memory, offset, layout.size(), Poison.ALLOCATED);
        }
    }

    /** Zeroes a block for {@code zalloc}. */
    public void zero(long dma) {
        CoherentPage page = device.page(dma);
        Poison.fill(page.memory(), (int) (dma - page.dma()), layout.size(), (byte) 0);
    }

    /**
     * The block's memory: {@code size} bytes; throws {@link IllegalArgumentException} if {@code dma} is not the start
     * of one of this pool's blocks. Not a free, so nothing is logged.
     */
    public ByteBuffer block(long dma) {
        CoherentPage page = blockPage(dma);
        return page.memory().slice((int) (dma - page.dma()), layout.size()).order(page.memory().order());
    }

    /** Reads eight bytes at {@code offset} of block {@code dma}; see {@link #wordPage}. */
    public long getLong(long dma, int offset) {
        CoherentPage page = wordPage(dma, offset);
        return page.memory().getLong((int) (dma - page.dma()) + offset);
    }

    /** Writes eight bytes at {@code offset} of block {@code dma}; see {@link #wordPage}. */
    public void putLong(long dma, int offset, long value) {
        CoherentPage page = wordPage(dma, offset);
        page.memory().putLong((int) (dma - page.dma()) + offset, value);
    }

    /**
     * The page of block {@code dma}; throws {@link IllegalArgumentException} unless {@code dma} starts a block of
     * this pool and the eight bytes at {@code offset} lie inside it.
     */
    private CoherentPage wordPage(long dma, int offset) {
        CoherentPage page = blockPage(dma);
        if (offset < 0 || offset > layout.size() - Long.BYTES) {
            throw new IllegalArgumentException("offset must be between 0 and " + (layout.size() - Long.BYTES)
                    + " for a " + layout.size() + "-byte block, was " + offset);
        }
        return page;
    }

    /** The page of block {@code dma}; throws {@link IllegalArgumentException} unless one of our blocks starts there. */
    private CoherentPage blockPage(long dma) {
        CoherentPage page = device.page(dma);
        if (page == null || page.owner() != this || !layout.isBlockStart(dma - page.dma())) {
            throw new IllegalArgumentException(String.format("%#x is not a block of pool %s", dma, poolName));
        }
        return page;
    }

    /** Whether {@code dma} starts a block in a page of this pool. */
    protected final boolean startsOwnBlock(long dma) {
        CoherentPage page = device.page(dma);
        return page != null && page.owner() == this && layout.isBlockStart(dma - page.dma());
    }

    /** The page of this pool that holds {@code dma}; throws {@code "bad dma"} if there is none. */
    protected final CoherentPage ownPage(long dma) {
        CoherentPage page = device.page(dma);
        if (page == null || page.owner() != this || dma - page.dma() >= layout.allocation()) {
            throw badDma(dma, "not in a page of this pool");
        }
        return page;
    }

    /** The debug checks every free runs first: the dma must name the start of a block. */
    protected final void checkBlockStart(long dma, long offset) {
        if (!layout.isBlockStart(offset)) {
            throw badDma(dma, "not the start of a block");
        }
    }

    protected final DmaPoolException badDma(long dma, String why) {
        String message = String.format("dma_pool_free %s, %#x (bad dma): %s", poolName, dma, why);
        device.logError(message);
        return new DmaPoolException(DmaPoolException.Reason.BAD_DMA, message);
    }

    /**
     * Debug mode, before the free block at {@code offset} of {@code memory} leaves the free list: a link word that the
     * list was about to follow is wrong ({@code what} says which and how). Logs the kernel's corruption report and
     * returns the exception to throw; the caller has changed nothing yet, so the pool stays as it was.
     */
    protected final DmaPoolException corruptedFreeList(long dma, ByteBuffer memory, int offset, String what) {
        reportCorrupted(dma, memory, offset);
        return new DmaPoolException(DmaPoolException.Reason.CORRUPTED, String.format(
                "dma_pool_alloc %s, %#x (corrupted): corrupted free list: %s", poolName, dma, what));
    }

    protected final DmaPoolException alreadyFree(long dma) {
        String message = String.format("dma_pool_free %s, dma %#x already free", poolName, dma);
        device.logError(message);
        return new DmaPoolException(DmaPoolException.Reason.ALREADY_FREE, message);
    }

    /** Mainline {@code pool_init_page}: in debug mode a new page starts out poisoned as free. */
    protected final void poisonPage(CoherentPage page) {
        if (debug) {
            Poison.fill(page.memory(), 0, layout.allocation(), Poison.FREED);
        }
    }

    /** In debug mode, a freed block is poisoned before its link is written. */
    protected final void poisonFreed(ByteBuffer memory, int offset) {
        Poison.fill(memory, offset, layout.size(), Poison.FREED);
    }

    /** Mainline {@code pool_check_block}'s report: the corruption line, then the block's first bytes in hex. */
    private void reportCorrupted(long dma, ByteBuffer memory, int offset) {
        device.logError(String.format("dma_pool_alloc %s, %#x (corrupted)", poolName, dma));
        dump(memory, offset);
    }

    private void dump(ByteBuffer memory, int offset) {
        int length = Math.min(layout.size(), DUMP_BYTES);
        for (int row = 0; row < length; row += 16) {
            StringBuilder line = new StringBuilder(String.format("%08x:", row));
            for (int i = row; i < Math.min(row + 16, length); i++) {
                line.append(String.format(" %02x", memory.get(offset + i)));
            }
            device.logError(line.toString());
        }
        if (length < layout.size()) {
            device.logError(String.format("(%d more bytes not shown)", layout.size() - length));
        }
    }

    /** {@link FreeBlocks#NULL}, for readability in subclasses. */
    protected static final long NULL = FreeBlocks.NULL;
}
