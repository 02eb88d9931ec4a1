package dev.poolstress.scenarios.storm;

import dev.poolstress.engine.pool.Device;
import dev.poolstress.engine.pool.DmaPool;

/**
 * One pool of a storm, as {@code dma_pool_create} takes it.
 *
 * @param name     the pool's name on the device
 * @param size     bytes per block
 * @param align    a power of two, or 0
 * @param boundary a power of two, or 0
 * @param prefill  blocks allocated and freed before the storm starts, so that page growth stays out of the
 *                 measured phase; 0 starts from an empty pool
 */
public record PoolSpec(String name, int size, int align, int boundary, int prefill) {
    public PoolSpec {
        if (size < 1) {
            throw new IllegalArgumentException("pool " + name + ": size must be at least 1, was " + size);
        }
        if (prefill < 0) {
            throw new IllegalArgumentException("pool " + name + ": prefill must not be negative, was " + prefill);
        }
        // the engine's own dma_pool_create checks, on a scratch device, so a bad spec fails when it is read
        try (DmaPool pool = DmaPool.builder(name, Device.create("check")).size(size).align(align).boundary(boundary)
                .build()) {
            pool.name();
        }
    }
}
