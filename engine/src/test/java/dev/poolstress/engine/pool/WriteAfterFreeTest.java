package dev.poolstress.engine.pool;

import static dev.poolstress.engine.pool.PoolVariants.device;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.poolstress.engine.DmaPoolException;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Without debug mode the free link lives in the free block's own memory and nothing checks it, as in the kernel: a
 * write after free that overwrites the link sends the next allocations wherever it points, here to a block that is
 * still in use. Every strategy that chains freed blocks through their memory shows it; {@code percpu} and
 * {@code thread-cache} keep freed blocks in arrays, so its first allocations never read the link. The locks that count blocks in the free list also
 * count the live block twice; {@code lockfree} reads its count from the depth its head block carries, which the
 * corrupted chain has overwritten too, so only the hand-out is asserted for it.
 */
class WriteAfterFreeTest {
    static Stream<String> chainingLocks() {
        return PoolVariants.locks().filter(lock -> !PoolVariants.MAGAZINES.contains(lock));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("chainingLocks")
    void shouldHandOutALiveBlockWhenAFreedBlocksLinkIsOverwritten(String lock) {
        DmaPool pool = DmaPool.builder("unchecked", device()).size(64).algorithm("stack").lock(lock).build();
        long freed = pool.alloc();
        long live = pool.alloc();
        pool.free(freed);

        pool.putLong(freed, 0, live); // the stale pointer writes over next_block

        assertEquals(freed, pool.alloc());
        assertEquals(live, pool.alloc(), "the corrupted link hands out a block that is still in use");
        if (!lock.equals("lockfree")) {
            assertEquals(3, pool.stats().nrActive(), "the pool counts the live block twice");
        }
    }

    /** The locks whose alloc pops the seed's stack itself, which reads the top block's words before trusting them. */
    static Stream<String> stackPoppingLocks() {
        return chainingLocks().filter(lock -> !lock.equals("lockfree"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stackPoppingLocks")
    void shouldNameAWildLinkAndSuggestDebugModeInsteadOfFollowingIt(String lock) {
        DmaPool pool = DmaPool.builder("unchecked", device()).size(64).algorithm("stack").lock(lock).build();
        long freed = freedTop(pool);
        PoolStats before = pool.stats();

        pool.putLong(freed, 0, 0x4141414141414141L); // a stale writer scribbles over next_block

        DmaPoolException e = assertThrows(DmaPoolException.class, pool::alloc);
        assertEquals(DmaPoolException.Reason.CORRUPTED, e.reason());
        assertTrue(e.getMessage().contains("unchecked") && e.getMessage().contains("0x4141414141414141")
                && e.getMessage().contains("debug(true)"), e.getMessage());
        assertEquals(before, pool.stats(), "the pool is left as it was");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stackPoppingLocks")
    void shouldRefuseToHandOutAnOverwrittenOwnDmaWord(String lock) {
        DmaPool pool = DmaPool.builder("unchecked", device()).size(64).algorithm("stack").lock(lock).build();
        long freed = freedTop(pool);

        pool.putLong(freed, 8, 0x4141414141414141L); // over the block's own dma, which alloc would hand out

        DmaPoolException e = assertThrows(DmaPoolException.class, pool::alloc);
        assertTrue(e.getMessage().contains("own-dma word holds 0x4141414141414141"), e.getMessage());
    }

    /** A block allocated and freed again: the top of the pool's stack. */
    private static long freedTop(DmaPool pool) {
        long block = pool.alloc();
        pool.free(block);
        return block;
    }
}
