package dev.poolstress.engine.pool;

import static dev.poolstress.engine.pool.PoolVariants.device;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * How a page is carved into blocks, checked against offsets computed here: literal lists for a few shapes, and a
 * transcription of mainline {@code pool_initialise_page}'s loop for a grid of sizes, alignments and boundaries. A
 * fresh pool is drained of its one page (the device refuses a second) and the offsets it handed out are compared.
 */
class BlockCarvingTest {
    /**
     * Mainline's loop: a block goes at {@code offset} unless it would pass {@code next_boundary}, in which case the
     * offset jumps to that boundary; the page ends where the next block would pass the allocation.
     */
    private static List<Integer> mainlineOffsets(int size, int allocation, int boundary) {
        List<Integer> offsets = new ArrayList<>();
        int nextBoundary = boundary;
        int offset = 0;
        while (offset + size <= allocation) {
            if (offset + size > nextBoundary) {
                offset = nextBoundary;
                nextBoundary += boundary;
                continue;
            }
            offsets.add(offset);
            offset += size;
        }
        return offsets;
    }

    /** Every offset the pool hands out from its first page, in address order. */
    private static List<Integer> drainOnePage(String algorithm, int size, int align, int boundary) {
        Device dev = device();
        dev.injectFaults(PageFaults.afterBudget(1));
        DmaPool pool = DmaPool.builder("carved", dev).size(size).align(align).boundary(boundary)
                .algorithm(algorithm).build();
        List<Integer> offsets = new ArrayList<>();
        for (long dma = pool.alloc(); dma != DmaPool.NULL; dma = pool.alloc()) {
            offsets.add((int) (dma - dev.page(dma).dma()));
        }
        assertEquals(1, pool.stats().nrPages());
        assertEquals(offsets.size(), pool.stats().nrBlocks());
        offsets.sort(null);
        return offsets;
    }

    static Stream<Arguments> literalCases() {
        List<Integer> every96 = IntStream.range(0, 42).map(i -> i * 96).boxed().toList();
        List<Integer> twoPer256 = IntStream.range(0, 16).boxed()
                .flatMap(segment -> Stream.of(segment * 256, segment * 256 + 100)).toList();
        return PoolVariants.ALGORITHMS.stream().flatMap(algorithm -> Stream.of(
                // dmapool_test's odd pool: 68 rounded up to 96 by align 32; 42 blocks, 64 bytes left over
                Arguments.of(algorithm, 68, 32, 4096, every96),
                // two 100-byte blocks per 256-byte segment; the third would cross
                Arguments.of(algorithm, 100, 0, 256, twoPer256),
                // one block, the rest of the page cannot hold a second
                Arguments.of(algorithm, 3000, 0, 0, List.of(0)),
                // larger than a page: the allocation is the block
                Arguments.of(algorithm, 5000, 0, 0, List.of(0)),
                // 16-byte minimum, 256 to a page
                Arguments.of(algorithm, 1, 0, 0, IntStream.range(0, 256).map(i -> i * 16).boxed().toList()),
                // 1024-byte boundary: three 300-byte blocks per segment
                Arguments.of(algorithm, 300, 4, 1024, List.of(0, 300, 600, 1024, 1324, 1624, 2048, 2348, 2648,
                        3072, 3372, 3672))));
    }

    @ParameterizedTest(name = "{0} size {1} align {2} boundary {3}")
    @MethodSource("literalCases")
    void shouldCarveTheKernelsOffsets(String algorithm, int size, int align, int boundary, List<Integer> expected) {
        assertEquals(expected, drainOnePage(algorithm, size, align, boundary));
    }

    static Stream<Arguments> grid() {
        int[] sizes = {16, 24, 60, 68, 100, 129, 333, 500, 1000, 1025, 2000, 2049, 4096};
        int[] aligns = {0, 8, 32};
        int[] boundaries = {0, 128, 256, 512, 1024, 2048, 4096, 8192};
        List<Arguments> cases = new ArrayList<>();
        for (String algorithm : PoolVariants.ALGORITHMS) {
            for (int size : sizes) {
                for (int align : aligns) {
                    int blockSize = Math.max(size, 16);
                    if (align > 0) {
                        blockSize = (blockSize + align - 1) / align * align;
                    }
                    for (int boundary : boundaries) {
                        if (boundary == 0 || boundary >= blockSize) {
                            cases.add(Arguments.of(algorithm, size, align, boundary, blockSize));
                        }
                    }
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} size {1} align {2} boundary {3}")
    @MethodSource("grid")
    void shouldCarveAsMainlinePoolInitialisePage(String algorithm, int size, int align, int boundary,
            int blockSize) {
        int allocation = Math.max(blockSize, Device.PAGE_SIZE);
        int limit = boundary == 0 ? allocation : Math.min(boundary, allocation);
        List<Integer> expected = mainlineOffsets(blockSize, allocation, limit);
        assertNotEquals(List.of(), expected);
        assertEquals(expected, drainOnePage(algorithm, size, align, boundary));
    }

    /** Every strategy but those with magazines, which hand a refill batch out from the top of a magazine. */
    static Stream<Arguments> addressOrdered() {
        return PoolVariants.all().filter(args -> !PoolVariants.MAGAZINES.contains(args.get()[0]));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("addressOrdered")
    void shouldHandOutAFreshPageInAddressOrder(String lock, String algorithm) {
        Device dev = device();
        DmaPool pool = DmaPool.builder("ordered", dev).size(100).boundary(256).algorithm(algorithm).lock(lock)
                .build();
        long first = pool.alloc();
        long base = dev.page(first).dma();
        List<Long> handedOut = new ArrayList<>(List.of(first - base));
        for (int i = 1; i < 6; i++) {
            handedOut.add(pool.alloc() - base);
        }
        assertEquals(List.of(0L, 100L, 256L, 356L, 512L, 612L), handedOut);
    }
}
