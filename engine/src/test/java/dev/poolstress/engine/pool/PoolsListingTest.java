package dev.poolstress.engine.pool;

import static dev.poolstress.engine.pool.PoolVariants.device;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link Device#pools()}, character for character: the kernel's {@code "poolinfo - 0.1\n"} header, then per pool,
 * newest first, {@code "%-16s %4u %4u %4u %2u\n"} of name, blocks in use, blocks in all, block size and pages. The
 * expected lines are written out literally.
 */
class PoolsListingTest {
    private static final String HEADER = "poolinfo - 0.1\n";

    @Test
    void shouldListOnlyTheHeaderForADeviceWithoutPools() {
        assertEquals(HEADER, device().pools());
    }

    @Test
    void shouldListPoolsNewestFirstInTheKernelsColumns() {
        Device dev = device();
        DmaPool small = DmaPool.create("small", dev, 16, 0, 0);
        DmaPool odd = DmaPool.create("dmapool_test_68", dev, 68, 32, 4096);
        DmaPool big = DmaPool.create("a-name-longer-than-16", dev, 5000, 0, 0);
        for (int i = 0; i < 300; i++) {
            small.alloc();
        }
        for (int i = 0; i < 44; i++) {
            odd.alloc();
        }
        big.alloc();
        big.free(big.alloc());

        assertEquals(HEADER
                + "a-name-longer-than-16    1    2 5000  2\n"
                + "dmapool_test_68    44   84   96  2\n"
                + "small             300  512   16  2\n", dev.pools());
    }

    @Test
    void shouldDropADestroyedPoolFromTheListing() {
        Device dev = device();
        DmaPool.create("first", dev, 64, 0, 0);
        DmaPool middle = DmaPool.create("middle", dev, 64, 0, 0);
        DmaPool.create("last", dev, 64, 0, 0).alloc();
        middle.destroy();
        assertEquals(HEADER
                + "last                1   64   64  1\n"
                + "first               0    0   64  0\n", dev.pools());
    }

    @Test
    void shouldListATruncatedName() {
        Device dev = device();
        DmaPool.create("x".repeat(40), dev, 64, 0, 0);
        assertEquals(HEADER + "x".repeat(31) + "    0    0   64  0\n", dev.pools());
    }

    /** Blocks waiting in a per-CPU or lock-free cache are free: they count in the total, not as in use. */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("dev.poolstress.engine.pool.PoolVariants#all")
    void shouldCountCachedBlocksAsFree(String lock, String algorithm) {
        Device dev = device();
        DmaPool pool = DmaPool.builder("cached", dev).size(64).algorithm(algorithm).lock(lock).build();
        List<Long> blocks = new ArrayList<>();
        for (int i = 0; i < 70; i++) {
            blocks.add(pool.alloc());
        }
        for (long dma : blocks.subList(0, 25)) {
            pool.free(dma);
        }
        assertEquals(HEADER + "cached             45  128   64  2\n", dev.pools());
    }
}
