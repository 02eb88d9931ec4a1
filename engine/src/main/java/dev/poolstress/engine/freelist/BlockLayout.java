package dev.poolstress.engine.freelist;

/**
 * How a page is carved into blocks: from offset 0, one block every {@code size} bytes, skipping to the next
 * multiple of {@code boundary} whenever a block would cross it, and stopping where a block would pass the end of the
 * page (mainline {@code pool_initialise_page}). Pure arithmetic; every page of a pool has the same layout.
 */
public final class BlockLayout {
    private final int size;
    private final int allocation;
    private final int boundary;

    public BlockLayout(int size, int allocation, int boundary) {
        this.size = size;
        this.allocation = allocation;
        this.boundary = boundary;
    }

    public int size() {
        return size;
    }

    public int allocation() {
        return allocation;
    }

    public int boundary() {
        return boundary;
    }

    /** The first block's offset: always 0. */
    public int first() {
        return 0;
    }

    /** The offset of the block after the one at {@code offset}, or -1 if it is the last in the page. */
    public int next(int offset) {
        long candidate = (long) offset + size;
        long inSegment = candidate % boundary;
        if (inSegment + size > boundary) {
            candidate += boundary - inSegment; // it would cross: start the next segment
        }
        return candidate + size <= allocation ? (int) candidate : -1;
    }

    /** Whether a block starts at {@code offset}. */
    public boolean isBlockStart(long offset) {
        if (offset < 0 || offset + size > allocation) {
            return false;
        }
        long inSegment = offset % boundary;
        return inSegment % size == 0 && inSegment + size <= boundary;
    }
}
