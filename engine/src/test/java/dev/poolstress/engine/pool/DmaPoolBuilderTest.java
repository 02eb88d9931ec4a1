package dev.poolstress.engine.pool;

import static dev.poolstress.engine.pool.PoolVariants.device;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.poolstress.engine.freelist.Algorithm;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code dma_pool_create}'s rules on the builder: what it rejects (with a message that names the argument and the
 * value, and nothing left on the device) and how it shapes what it accepts.
 */
class DmaPoolBuilderTest {
    private static final String EMPTY_LISTING = "poolinfo - 0.1\n";

    static Stream<Arguments> rejected() {
        return Stream.of(
                rejection("size 0", b -> b.size(0), "size", "0"),
                rejection("negative size", b -> b.size(-64), "size", "-64"),
                rejection("size rounded past INT_MAX", b -> b.size(Integer.MAX_VALUE).align(8), "size",
                        "INT_MAX"),
                rejection("align not a power of two", b -> b.size(64).align(48), "align", "48"),
                rejection("negative align", b -> b.size(64).align(-8), "align", "-8"),
                rejection("boundary not a power of two", b -> b.size(64).boundary(1000), "boundary", "1000"),
                rejection("negative boundary", b -> b.size(64).boundary(-4096), "boundary", "-4096"),
                rejection("boundary below size", b -> b.size(100).boundary(64), "boundary", "64"),
                // the kernel compares the boundary with the size after the minimum and the alignment
                rejection("boundary below the 16-byte minimum", b -> b.size(1).boundary(8), "boundary", "16"),
                rejection("boundary below the aligned size", b -> b.size(20).align(64).boundary(32), "boundary",
                        "64"),
                rejection("unknown algorithm", b -> b.size(64).algorithm("slab"), "algorithm", "stack, legacy"),
                rejection("no algorithm", b -> b.size(64).algorithm((String) null), "algorithm", "stack"),
                rejection("unknown lock id", b -> b.size(64).lock("spin-foo"), "lock strategy", "spin-mcs"),
                rejection("lock class not a strategy", b -> b.size(64).lock("java.lang.String"), "lock strategy",
                        "java.lang.String"),
                rejection("lock class without a FreeBlocks constructor",
                        b -> b.size(64).lock(LockStrategiesTest.WithoutFreeBlocksConstructor.class.getName()),
                        "lock strategy", "FreeBlocks"),
                rejection("lock class not found", b -> b.size(64).lock("com.example.NoSuchStrategy"),
                        "lock strategy", "com.example.NoSuchStrategy"),
                rejection("no size", b -> b, "size", "set"));
    }

    private static Arguments rejection(String what, UnaryOperator<DmaPool.Builder> configure, String argument,
            String detail) {
        return Arguments.of(what, configure, argument, detail);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rejected")
    void shouldRejectWithAMessageNamingTheArgumentAndLeaveNothingOnTheDevice(String what,
            UnaryOperator<DmaPool.Builder> configure, String argument, String detail) {
        Device dev = device();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> configure.apply(DmaPool.builder("rejected", dev)).build());
        assertTrue(e.getMessage().contains(argument) && e.getMessage().contains(detail),
                () -> what + ": the message must name '" + argument + "' and '" + detail + "': " + e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), "one line");
        assertEquals(EMPTY_LISTING, dev.pools());
        assertEquals(0, dev.pagesInUse());
    }

    @Test
    void shouldRejectAMissingNameOrDevice() {
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> DmaPool.builder(null, device()).size(64).build()).getMessage().contains("name"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> DmaPool.create("nodev", null, 64, 0, 0)).getMessage().contains("dev"));
    }

    @Test
    void shouldRegisterNothingWhenTheStrategyCannotBeMade() {
        Device dev = device();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> DmaPool.builder("broken", dev)
                .size(64).lock(blocks -> {
                    throw new IllegalStateException("no strategy today");
                }).build());
        assertEquals("no strategy today", e.getMessage());
        assertEquals(EMPTY_LISTING, dev.pools());
    }

    @ParameterizedTest(name = "size {0} align {1} boundary {2}: {3}/{4}/{5}")
    @CsvSource({
        // size, align, boundary -> size, allocation, boundary
        "1,     0,    0,     16,   4096, 4096",   // raised to the 16-byte minimum (struct dma_block)
        "16,    0,    16,    16,   4096, 16",     // a boundary equal to the size is allowed
        "17,    0,    0,     17,   4096, 4096",   // no alignment asked: none applied
        "17,    1,    0,     17,   4096, 4096",
        "17,    8,    0,     24,   4096, 4096",   // rounded up to the alignment
        "68,    32,   4096,  96,   4096, 4096",   // dmapool_test's odd pool
        "20,    64,   64,    64,   4096, 64",     // the boundary is compared after rounding
        "64,    0,    8192,  64,   4096, 4096",   // the boundary is capped at the allocation
        "3000,  0,    0,     3000, 4096, 4096",
        "4096,  4096, 0,     4096, 4096, 4096",
        "4097,  0,    0,     4097, 4097, 4097",   // allocation is max(size, PAGE_SIZE)
        "5000,  0,    8192,  5000, 5000, 5000",   // capped at an allocation that is no power of two
        "5000,  8,    0,     5000, 5000, 5000",
        "2147483647, 0, 0, 2147483647, 2147483647, 2147483647"})
    void shouldShapeTheBlocksAsDmaPoolCreateDoes(int size, int align, int boundary, int expectedSize,
            int expectedAllocation, int expectedBoundary) {
        Device dev = device();
        DmaPool pool = DmaPool.create("shaped", dev, size, align, boundary);
        assertEquals(new PoolStats(expectedSize, expectedAllocation, expectedBoundary, 0, 0, 0), pool.stats());
        assertEquals(0, dev.pagesInUse(), "creating a pool allocates no page");
    }

    @ParameterizedTest
    @CsvSource({"31, 31", "32, 31", "40, 31", "1, 1"})
    void shouldKeepAtMost31CharactersOfTheName(int given, int kept) {
        String name = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEF".substring(0, given);
        DmaPool pool = DmaPool.create(name, device(), 64, 0, 0);
        assertEquals(name.substring(0, kept), pool.name());
    }

    @Test
    void shouldDefaultToTheStackAlgorithmTheQueuedSpinlockAndNoDebug() {
        DmaPool pool = DmaPool.create("defaults", device(), 64, 0, 0);
        assertEquals(Algorithm.STACK, pool.algorithm());
        assertEquals(LockStrategies.DEFAULT, pool.lockId());
        assertEquals("spin-mcs", pool.lockId());
        assertEquals(false, pool.debug());
    }
}
