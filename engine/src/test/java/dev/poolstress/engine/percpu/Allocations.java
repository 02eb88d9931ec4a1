package dev.poolstress.engine.percpu;

import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.poolstress.engine.pool.DmaPool;
import java.util.ArrayList;
import java.util.List;

/** Allocations the magazine tests take, each asserted to be a block. */
final class Allocations {
    private Allocations() {
    }

    static List<Long> alloc(DmaPool pool, int count) {
        List<Long> blocks = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long dma = pool.alloc();
            assertNotEquals(DmaPool.NULL, dma);
            blocks.add(dma);
        }
        return blocks;
    }
}
