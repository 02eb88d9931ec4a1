package dev.poolstress.engine.pool;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Where a {@link Device}'s coherent memory comes from: pages are sliced from larger direct buffers (chunks) rather
 * than allocated one direct buffer each, because a direct buffer's allocation (reservation, cleaner, zeroing) costs
 * microseconds and would dominate page growth.
 *
 * <p>Chunks grow geometrically from the first request's size up to {@value #MAX_CHUNK} bytes, so a device that only
 * ever takes a page pays for one page, while a pool growing to a million pages makes a few thousand allocations.
 * A request larger than a quarter of the biggest chunk gets a buffer of its own. A chunk's memory goes back to the
 * JVM once none of its pages is reachable (a slice keeps its chunk alive), so a freed page's memory is never
 * handed out again, and fresh memory is always zeroed, as {@code dma_alloc_coherent} promises. Guarded by the
 * device's lock.
 */
final class CoherentArena {
    /** The biggest chunk: 256 pages. */
    static final int MAX_CHUNK = 1 << 20;

    private ByteBuffer chunk;
    private int used;
    private int nextChunk;

    /** {@code size} bytes of zeroed direct memory in native byte order. */
    ByteBuffer allocate(int size) {
        if (size > MAX_CHUNK / 4) {
            return ByteBuffer.allocateDirect(size).order(ByteOrder.nativeOrder());
        }
        if (chunk == null || chunk.capacity() - used < size) {
            int capacity = Math.max(size, nextChunk);
            chunk = ByteBuffer.allocateDirect(capacity);
            used = 0;
            nextChunk = (int) Math.min((long) capacity * 2, MAX_CHUNK);
        }
        ByteBuffer page = chunk.slice(used, size).order(ByteOrder.nativeOrder());
        used += size;
        return page;
    }
}
