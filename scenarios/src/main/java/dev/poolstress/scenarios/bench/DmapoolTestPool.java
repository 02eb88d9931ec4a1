package dev.poolstress.scenarios.bench;

import dev.poolstress.engine.Device;
import java.util.List;

/**
 * One pool of the kernel's {@code mm/dmapool_test.c}: its creation parameters and how many blocks each round
 * allocates, {@code clamp((PAGE_SIZE / size) * 512, 1024, 8192)} as in the kernel's {@code nr_blocks}.
 */
public record DmapoolTestPool(int size, int align, int boundary) {
    /** The kernel's {@code pool_parms}, in its order. */
    public static final List<DmapoolTestPool> KERNEL = List.of(
            new DmapoolTestPool(16, 16, 0),
            new DmapoolTestPool(64, 64, 0),
            new DmapoolTestPool(256, 256, 0),
            new DmapoolTestPool(1024, 1024, 0),
            new DmapoolTestPool(4096, 4096, 0),
            new DmapoolTestPool(68, 32, 4096));

    public int blocks() {
        return Math.max(1024, Math.min(8192, (Device.PAGE_SIZE / size) * 512));
    }
}
