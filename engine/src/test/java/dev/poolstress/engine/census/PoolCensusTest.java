package dev.poolstress.engine.census;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.poolstress.engine.CoherentPage;
import dev.poolstress.engine.FreeBlocks;
import dev.poolstress.engine.LockStrategy;
import dev.poolstress.engine.cpu.Cpus;
import dev.poolstress.engine.pool.Device;
import dev.poolstress.engine.pool.DmaPool;
import java.util.EnumSet;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The census against pools rigged to break each clause of its invariant, and against pools that keep it. */
class PoolCensusTest {
    /** 64-byte blocks: one page is 64 blocks. */
    private static final int PAGE_BLOCKS = 64;

    private final Cpus cpus = Cpus.of(2);
    private Rigged rigged;

    /** A single-threaded pass-through strategy with faults to order; the tests use its pools from one thread. */
    private static final class Rigged implements LockStrategy {
        private final FreeBlocks blocks;
        boolean dropFrees;
        boolean throwOnAlloc;
        long cachedLie;

        Rigged(FreeBlocks blocks) {
            this.blocks = blocks;
        }

        @Override
        public long alloc() {
            if (throwOnAlloc) {
                throw new IllegalStateException("rigged to throw");
            }
            return blocks.pop();
        }

        @Override
        public long grow(CoherentPage page) {
            blocks.addPage(page);
            return blocks.pop();
        }

        @Override
        public void free(long dma) {
            if (!dropFrees) {
                blocks.push(dma);
            }
        }

        @Override
        public long cached() {
            return cachedLie; // counts phantom cached blocks, so nrActive comes out short by as many
        }
    }

    private DmaPool riggedPool() {
        cpus.bind(0);
        return DmaPool.builder("rigged", Device.create("dev", cpus)).size(64)
                .lock(blocks -> rigged = new Rigged(blocks)).build();
    }

    private static long[] alloc(DmaPool pool, int count) {
        long[] blocks = new long[count];
        for (int i = 0; i < count; i++) {
            blocks[i] = pool.alloc();
            assertNotEquals(DmaPool.NULL, blocks[i]);
        }
        return blocks;
    }

    @Test
    void shouldFindAPoolConsistentWhenItHoldsExactlyTheOwnedBlocks() {
        DmaPool pool = riggedPool();
        long[] owned = alloc(pool, 3);

        PoolCensus census = PoolCensus.take(pool, owned);

        assertTrue(census.consistent(), census::toString);
        assertEquals(Optional.empty(), census.first());
        assertEquals(0, census.lost());
        assertEquals(3, census.owned());
        assertEquals(PAGE_BLOCKS, census.stats().nrBlocks());
        assertEquals(1, pool.stats().nrPages(), "the census grew the pool");
    }

    @Test
    void shouldFindALostBlock() {
        DmaPool pool = riggedPool();
        long[] blocks = alloc(pool, 3);
        rigged.dropFrees = true;
        pool.free(blocks[0]); // neither on a free list nor counted free

        PoolCensus census = PoolCensus.take(pool, blocks[1], blocks[2]);

        assertEquals(Optional.of(Violation.LOST), census.first(), census::toString);
        assertEquals(EnumSet.of(Violation.LOST, Violation.COUNT_WRONG), census.violations());
        assertEquals(1, census.lost());
    }

    @Test
    void shouldFindABlockOwnedTwice() {
        DmaPool pool = riggedPool();
        long[] blocks = alloc(pool, 2);

        PoolCensus census = PoolCensus.take(pool, blocks[0], blocks[1], blocks[1]);

        assertEquals(Optional.of(Violation.OWNED_TWICE), census.first(), census::toString);
        assertEquals(0, census.lost(), "a block owned twice is one block");
    }

    @Test
    void shouldFindAWrongNrActive() {
        DmaPool pool = riggedPool();
        long[] owned = alloc(pool, 3);
        rigged.cachedLie = 1;

        PoolCensus census = PoolCensus.take(pool, owned);

        assertEquals(EnumSet.of(Violation.COUNT_WRONG), census.violations(), census::toString);
        assertEquals(2, census.stats().nrActive());
    }

    @Test
    void shouldFindABlockFreeTwice() {
        DmaPool pool = riggedPool();
        long[] blocks = alloc(pool, 2);
        pool.free(blocks[0]);
        pool.free(blocks[0]); // outside debug mode nothing stops it: the free list holds the block twice

        PoolCensus census = PoolCensus.take(pool, blocks[1]);

        assertEquals(Optional.of(Violation.FREE_TWICE), census.first(), census::toString);
        assertTrue(census.freeTwice().length > 0);
        for (long dma : census.freeTwice()) {
            assertEquals(blocks[0], dma);
        }
    }

    @Test
    void shouldFindAnOwnedBlockThatIsAlsoFree() {
        DmaPool pool = riggedPool();
        long[] blocks = alloc(pool, 2);
        pool.free(blocks[0]);

        PoolCensus census = PoolCensus.take(pool, blocks);

        assertEquals(Optional.of(Violation.OWNED_AND_FREE), census.first(), census::toString);
        assertEquals(0, census.lost(), "an owned and free block is still one block");
    }

    @Test
    void shouldFindAnOwnedNull() {
        DmaPool pool = riggedPool();
        long[] blocks = alloc(pool, 1);

        PoolCensus census = PoolCensus.take(pool, blocks[0], DmaPool.NULL);

        assertEquals(Optional.of(Violation.NO_BLOCK), census.first(), census::toString);
    }

    @Test
    void shouldReportADrainThatThrowsAndLeaveTheDeviceRefusingNoPage() {
        DmaPool pool = riggedPool();
        long[] owned = alloc(pool, 1);
        rigged.throwOnAlloc = true;

        PoolCensus census = PoolCensus.take(pool, owned);

        assertEquals(Optional.of(Violation.THREW), census.first(), census::toString);
        assertEquals("rigged to throw", census.error().getMessage());
        assertTrue(census.violations().contains(Violation.LOST), "the free blocks were not reached");
        assertNotNull(pool.device().allocCoherent(4096), "the census left the device refusing pages");
    }

    @Test
    void shouldReachBlocksCachedOnEveryCpu() {
        cpus.bind(0);
        DmaPool pool = DmaPool.builder("percpu", Device.create("dev", cpus)).size(64).lock("percpu").build();
        long[] blocks = alloc(pool, 8);
        cpus.bind(1);
        for (int i = 0; i < 4; i++) {
            pool.free(blocks[i]); // into CPU 1's cache, out of CPU 0's reach
        }
        cpus.bind(0);

        PoolCensus census = PoolCensus.take(pool, blocks[4], blocks[5], blocks[6], blocks[7]);

        assertTrue(census.consistent(), census::toString);
    }

    @Test
    void shouldGiveTheDrainedBlocksBackSoTheEmptiedPoolCanBeDestroyed() {
        DmaPool pool = riggedPool();
        long[] blocks = alloc(pool, 5);
        for (long dma : blocks) {
            pool.free(dma);
        }
        Device device = pool.device();

        PoolCensus census = PoolCensus.take(pool);
        assertTrue(census.consistent(), census::toString);
        assertEquals(PAGE_BLOCKS, pool.stats().nrActive(), "the drain holds every block");
        census.giveBack();

        assertEquals(0, pool.stats().nrActive());
        pool.destroy();
        assertEquals(0, device.pagesInUse());
    }

    @Test
    void shouldCountAnEmptyPoolWithoutGrowingIt() {
        DmaPool pool = riggedPool();

        PoolCensus census = PoolCensus.take(pool);

        assertTrue(census.consistent(), census::toString);
        assertEquals(0, pool.stats().nrPages());
        assertArrayEquals(new long[0], census.freeTwice());
        assertNull(census.error());
    }
}
