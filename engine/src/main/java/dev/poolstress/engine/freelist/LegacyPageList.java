package dev.poolstress.engine.freelist;

import dev.poolstress.engine.CoherentMemory;
import dev.poolstress.engine.CoherentPage;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The code before the seed: a list of pages, each with its own chain of free blocks. A free block's first four bytes
 * hold the offset of the next free block in its page; the page keeps the chain's head and a count of blocks in use.
 * Alloc walks the page list for a page with a free block, and free walks it to find the block's page, so both cost
 * O(pages): this is what the seed's "before" column measures.
 *
 * <h2>Invariants</h2>
 * <ul>
 *   <li>A page's chain ends with the offset {@code allocation}; every other link is a block start (unless the caller
 *       wrote after free; debug mode checks each link before following it).</li>
 *   <li>Summed over pages, {@code inUse} equals {@code nrActive}.</li>
 * </ul>
 */
public final class LegacyPageList extends FreeList {
    /** {@code struct dma_page} before the seed. */
    private static final class Page {
        final CoherentPage memory;
        int inUse;
        int offset;

        Page(CoherentPage memory) {
            this.memory = memory;
        }
    }

    /** Oldest first; walked from the end, so newest first, as {@code list_add} orders the kernel's list. */
    private final List<Page> pages = new ArrayList<>();

    public LegacyPageList(String poolName, CoherentMemory device, BlockLayout layout, boolean debug) {
        super(poolName, device, layout, debug, Integer.BYTES);
    }

    @Override
    public Algorithm algorithm() {
        return Algorithm.LEGACY;
    }

    @Override
    public long pop() {
        int allocation = layout.allocation();
        for (int i = pages.size() - 1; i >= 0; i--) {
            Page page = pages.get(i);
            if (page.offset < allocation) {
                int offset = page.offset;
                ByteBuffer memory = page.memory.memory();
                int next = memory.getInt(offset);
                if (debug) {
                    checkChain(page, memory, offset, next);
                }
                page.offset = next;
                page.inUse++;
                nrActive++;
                return page.memory.dma() + offset;
            }
        }
        return NULL;
    }

    @Override
    public void push(long dma) {
        Page page = findPage(dma);
        if (page == null) {
            throw badDma(dma, "not in a page of this pool");
        }
        int offset = (int) (dma - page.memory.dma());
        ByteBuffer memory = page.memory.memory();
        if (debug) {
            checkBlockStart(dma, offset);
            if (onChain(page, offset)) {
                throw alreadyFree(dma);
            }
            poisonFreed(memory, offset);
        }
        memory.putInt(offset, page.offset);
        page.offset = offset;
        page.inUse--;
        nrActive--;
    }

    @Override
    public void addPage(CoherentPage coherent) {
        poisonPage(coherent);
        ByteBuffer memory = coherent.memory();
        int count = 0;
        for (int offset = layout.first(); offset >= 0; offset = layout.next(offset)) {
            int next = layout.next(offset);
            memory.putInt(offset, next >= 0 ? next : layout.allocation());
            count++;
        }
        Page page = new Page(coherent);
        page.offset = layout.first();
        pages.add(page);
        nrBlocks += count;
        nrPages++;
    }

    @Override
    public List<CoherentPage> pages() {
        List<CoherentPage> all = new ArrayList<>(pages.size());
        for (Page page : pages) {
            all.add(page.memory);
        }
        return all;
    }

    /**
     * Debug mode, before {@link #pop} makes {@code next} the page's chain head: a write after free may have changed
     * it, and the kernel would follow it to whatever offset it names.
     */
    private void checkChain(Page page, ByteBuffer memory, int offset, int next) {
        int allocation = layout.allocation();
        if (next != allocation && (next == offset || !layout.isBlockStart(next))) {
            throw corruptedFreeList(page.memory.dma() + offset, memory, offset, String.format(
                    "the block's next-offset word (offset 0) holds %d (%#x), expected the offset of another block"
                    + " in its page or the end marker %d", next, next, allocation));
        }
    }

    /** {@code pool_find_page}: the page list walked newest first. */
    private Page findPage(long dma) {
        for (int i = pages.size() - 1; i >= 0; i--) {
            Page page = pages.get(i);
            long base = page.memory.dma();
            if (dma >= base && dma - base < layout.allocation()) {
                return page;
            }
        }
        return null;
    }

    /** The page's chain walked for {@code offset}; bounded, so a corrupt chain ends. */
    private boolean onChain(Page page, int offset) {
        ByteBuffer memory = page.memory.memory();
        int allocation = layout.allocation();
        int steps = allocation / layout.size() + 1;
        for (int chain = page.offset; chain >= 0 && chain <= allocation - Integer.BYTES && steps-- > 0; ) {
            if (chain == offset) {
                return true;
            }
            chain = memory.getInt(chain);
        }
        return false;
    }
}
