package dev.poolstress.engine.pool;

/**
 * A pool's figures, as the kernel keeps them in {@code struct dma_pool}.
 *
 * @param size       bytes per block, after the minimum and the alignment are applied
 * @param allocation bytes per page: {@code max(size, PAGE_SIZE)}
 * @param boundary   no block crosses a multiple of this; equals {@code allocation} when none was asked for
 * @param nrBlocks   blocks carved from all pages
 * @param nrActive   blocks handed out and not yet freed (blocks in a strategy's caches are free, not active)
 * @param nrPages    pages allocated; the pool never gives one back before it is destroyed
 */
public record PoolStats(int size, int allocation, int boundary, long nrBlocks, long nrActive, long nrPages) {
}
