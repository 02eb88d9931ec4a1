package dev.poolstress.engine.freelist;

import dev.poolstress.engine.CoherentMemory;
import dev.poolstress.engine.CoherentPage;
import dev.poolstress.engine.DmaPoolException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The seed's algorithm ("dmapool: link blocks across pages", Keith Busch, 2022): one intrusive stack of free blocks
 * across every page. A free block holds, in its own first 16 bytes, the next free block's dma and its own dma
 * ({@code struct dma_block}), so alloc and free are O(1) and a write after free really breaks the chain.
 *
 * <h2>Invariants</h2>
 * <ul>
 *   <li>Every carved block is either on the stack exactly once or active; {@code nrBlocks - nrActive} blocks are on
 *       the stack.</li>
 *   <li>The stack's links name only block starts of this pool's pages (unless the caller wrote after free; debug
 *       mode checks the top block's links before popping it, and without it a pop still refuses a top block whose
 *       own-dma word is not itself or whose link points into no page).</li>
 * </ul>
 */
public final class StackFreeList extends FreeList {
    private static final int NEXT = 0;
    private static final int SELF = 8;

    private final List<CoherentPage> pages = new ArrayList<>();
    /** The top of the stack ({@code pool->next_block}), as a dma; {@link #NULL} when empty. */
    private long head = NULL;
    /**
     * The page that holds {@link #head}, kept beside it so that a pop needs no frame-table lookup for the block it
     * takes, and none for the new top when that lies in the same page; {@code null} when the stack is empty.
     */
    private CoherentPage headPage;

    public StackFreeList(String poolName, CoherentMemory device, BlockLayout layout, boolean debug) {
        super(poolName, device, layout, debug, 16);
    }

    @Override
    public Algorithm algorithm() {
        return Algorithm.STACK;
    }

    @Override
    public long pop() {
        long block = head;
        if (block == NULL) {
            return NULL;
        }
        CoherentPage page = headPage;
        int offset = (int) (block - page.dma());
        ByteBuffer memory = page.memory();
        if (debug) {
            checkLinks(block, memory, offset);
        }
        long next = memory.getLong(offset + NEXT);
        long self = memory.getLong(offset + SELF);
        CoherentPage nextPage = next - page.dma() >= 0 && next - page.dma() < layout.allocation() ? page
                : next == NULL ? null : device.page(next);
        if (self != block || (next != NULL && nextPage == null)) {
            // NOTE: the kernel would follow these words blindly; naming them costs one compare on the fast path
            throw wildLink(block, self, next);
        }
        head = next;
        headPage = nextPage;
        nrActive++;
        return self; // the handle comes from the block itself: *handle = block->dma
    }

    @Override
    public void push(long dma) {
        CoherentPage page = ownPage(dma);
        int offset = (int) (dma - page.dma());
        ByteBuffer memory = page.memory();
        if (debug) {
            checkBlockStart(dma, offset);
            if (onStack(dma)) {
                throw alreadyFree(dma);
            }
            poisonFreed(memory, offset);
        }
        memory.putLong(offset + SELF, dma);
        memory.putLong(offset + NEXT, head);
        head = dma;
        headPage = page;
        nrActive--;
    }

    @Override
    public void addPage(CoherentPage page) {
        poisonPage(page);
        ByteBuffer memory = page.memory();
        int first = layout.first();
        int last = first;
        int count = 0;
        for (int offset = first; offset >= 0; offset = layout.next(offset)) {
            int next = layout.next(offset);
            memory.putLong(offset + SELF, page.dma() + offset);
            memory.putLong(offset + NEXT, next >= 0 ? page.dma() + next : NULL);
            last = offset;
            count++;
        }
        // the page's blocks, in address order, go on top of the stack in one splice
        memory.putLong(last + NEXT, head);
        head = page.dma() + first;
        headPage = page;
        nrBlocks += count;
        nrPages++;
        pages.add(page);
    }

    @Override
    public List<CoherentPage> pages() {
        return List.copyOf(pages);
    }

    /**
     * Debug mode, before {@link #pop} trusts the top block's words: a write after free may have changed the handle it
     * would return or the link it would make the new top. The kernel follows either blindly.
     */
    private void checkLinks(long block, ByteBuffer memory, int offset) {
        long self = memory.getLong(offset + SELF);
        if (self != block) {
            throw corruptedFreeList(block, memory, offset, String.format(
                    "the block's own-dma word (offset %d) holds %#x, expected %#x", SELF, self, block));
        }
        long next = memory.getLong(offset + NEXT);
        if (next != NULL && (next == block || !startsOwnBlock(next))) {
            throw corruptedFreeList(block, memory, offset, String.format(
                    "the block's next link (offset %d) holds %#x, expected NULL or the start of another block in a"
                    + " page of this pool", NEXT, next));
        }
    }

    /**
     * Without debug mode, what {@link #pop} found when the top block's words cannot be a free block's: its own-dma
     * word is not the block, or its next link points outside every page. The pool is left as it was.
     */
    private DmaPoolException wildLink(long block, long self, long next) {
        String what = self != block
                ? String.format("its own-dma word holds %#x, not the block", self)
                : String.format("its next link holds %#x, which is in no page", next);
        return new DmaPoolException(DmaPoolException.Reason.CORRUPTED, String.format(
                "dma_pool_alloc %s, %#x: free list corrupted: %s; something wrote to the block after it was freed."
                + " Build the pool with debug(true) to have the write reported at the next alloc, with a dump",
                poolName, block, what));
    }

    /** Mainline {@code pool_block_err}'s walk: is the block already on the stack? Bounded, so a corrupt chain ends. */
    private boolean onStack(long dma) {
        long steps = nrBlocks;
        for (long block = head; block != NULL && steps-- > 0; ) {
            if (block == dma) {
                return true;
            }
            CoherentPage page = device.page(block);
            if (page == null) {
                return false;
            }
            block = page.memory().getLong((int) (block - page.dma()) + NEXT);
        }
        return false;
    }
}
