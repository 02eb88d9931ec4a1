package dev.poolstress.engine.pool;

import static dev.poolstress.engine.pool.PoolVariants.device;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.poolstress.engine.CoherentPage;
import dev.poolstress.engine.DmaPoolException;
import dev.poolstress.engine.cpu.Cpus;
import dev.poolstress.engine.cpu.IrqHandler;
import dev.poolstress.engine.lockdep.Lockdep;
import dev.poolstress.engine.lockdep.LockdepReport;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The pool's sequential contract, run over every built-in lock strategy with both free-block algorithms: what
 * {@code mm/dmapool.c} promises its callers, whichever way the free blocks are kept and guarded.
 */
class DmaPoolContractTest {
    /** 64-byte blocks: 64 to a page. */
    private static final int SMALL = 64;
    private static final int PER_PAGE = Device.PAGE_SIZE / SMALL;

    private static DmaPool pool(Device dev, String lock, String algorithm, int size, int align, int boundary) {
        return DmaPool.builder("pool", dev).size(size).align(align).boundary(boundary).algorithm(algorithm)
                .lock(lock).build();
    }

    private static DmaPool small(Device dev, String lock, String algorithm) {
        return pool(dev, lock, algorithm, SMALL, 0, 0);
    }

    private static List<Long> alloc(DmaPool pool, int count) {
        List<Long> blocks = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            long dma = pool.alloc();
            assertNotEquals(DmaPool.NULL, dma, "alloc #" + i + " failed");
            blocks.add(dma);
        }
        return blocks;
    }

    private static void freeAll(DmaPool pool, List<Long> blocks) {
        for (long dma : blocks) {
            pool.free(dma);
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("dev.poolstress.engine.pool.PoolVariants#all")
    void shouldKeepEveryBlockInsideItsPageAndWithinItsBoundary(String lock, String algorithm) {
        Device dev = device();
        // 100-byte blocks, 4-aligned, never crossing 256: two to a 256-byte segment, 32 to a page
        DmaPool pool = pool(dev, lock, algorithm, 100, 4, 256);
        for (long dma : alloc(pool, 3 * 32 + 5)) {
            CoherentPage page = dev.page(dma);
            assertNotNull(page, () -> String.format("%#x is in no page", dma));
            long offset = dma - page.dma();
            assertAll(String.format("block %#x at offset %d", dma, offset),
                    () -> assertTrue(offset >= 0 && offset + 100 <= page.size(), "block leaves its page"),
                    () -> assertEquals(offset / 256, (offset + 99) / 256, "block crosses a 256-byte boundary"),
                    () -> assertEquals(0, dma % 4, "block is not 4-aligned"));
        }
        assertEquals(4, pool.stats().nrPages());
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("dev.poolstress.engine.pool.PoolVariants#all")
    void shouldNeverHandOutTheSameBlockTwice(String lock, String algorithm) {
        Device dev = device();
        DmaPool pool = small(dev, lock, algorithm);
        Set<Long> owned = new HashSet<>();
        for (int round = 0; round < 4; round++) {
            for (int i = 0; i < 150; i++) {
                long dma = pool.alloc();
                assertTrue(owned.add(dma), () -> String.format("%#x handed out while owned", dma));
                pool.putLong(dma, 0, dma);
                pool.putLong(dma, SMALL - Long.BYTES, ~dma);
            }
            List<Long> giveBack = owned.stream().filter(dma -> (dma / SMALL) % 3 != 0).collect(Collectors.toList());
            freeAll(pool, giveBack);
            owned.removeAll(giveBack);
        }
        // blocks that overlapped would have overwritten each other's tags
        for (long dma : owned) {
            assertEquals(dma, pool.getLong(dma, 0), () -> String.format("head of %#x overwritten", dma));
            assertEquals(~dma, pool.getLong(dma, SMALL - Long.BYTES), () -> String.format("tail of %#x", dma));
        }
        assertEquals(owned.size(), pool.stats().nrActive());
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("dev.poolstress.engine.pool.PoolVariants#all")
    void shouldCountBlocksAndPagesExactlyWhereverFreeBlocksWait(String lock, String algorithm) {
        Device dev = device();
        Cpus cpus = dev.cpus();
        DmaPool pool = small(dev, lock, algorithm);
        assertEquals(new PoolStats(SMALL, Device.PAGE_SIZE, Device.PAGE_SIZE, 0, 0, 0), pool.stats());

        List<Long> blocks = alloc(pool, 100);
        assertEquals(new PoolStats(SMALL, Device.PAGE_SIZE, Device.PAGE_SIZE, 2 * PER_PAGE, 100, 2), pool.stats());

        // 30 freed here, 10 in irq context on the other CPU by a thread there: under percpu they wait in two CPUs'
        // caches, under thread-cache in two threads'; each is taken back where it was freed, so that no strategy
        // has to grow
        freeAll(pool, blocks.subList(0, 30));
        assertEquals(70, pool.stats().nrActive());
        IrqHandler free = (cpu, dma) -> pool.free(dma);
        AtomicReference<List<Long>> onCpu1 = new AtomicReference<>();
        OnCpu.run(cpus, 1, () -> {
            for (long dma : blocks.subList(30, 40)) {
                cpus.deliverIrq(1, free, dma);
            }
            assertEquals(60, pool.stats().nrActive());
            onCpu1.set(alloc(pool, 10));
        });
        List<Long> again = alloc(pool, 30);
        assertEquals(new PoolStats(SMALL, Device.PAGE_SIZE, Device.PAGE_SIZE, 2 * PER_PAGE, 100, 2), pool.stats());

        freeAll(pool, blocks.subList(40, 100));
        freeAll(pool, again);
        OnCpu.run(cpus, 1, () -> freeAll(pool, onCpu1.get()));
        assertEquals(new PoolStats(SMALL, Device.PAGE_SIZE, Device.PAGE_SIZE, 2 * PER_PAGE, 0, 2), pool.stats());
        assertEquals(2, dev.pagesInUse());
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("dev.poolstress.engine.pool.PoolVariants#all")
    void shouldGrowByOnePageOnlyWhenEveryBlockIsActive(String lock, String algorithm) {
        Device dev = device();
        DmaPool pool = small(dev, lock, algorithm);
        List<Long> page = alloc(pool, PER_PAGE);
        assertEquals(1, pool.stats().nrPages());
        assertEquals(1, dev.pagesInUse());
        pool.free(page.get(7));
        pool.alloc();
        assertEquals(1, pool.stats().nrPages(), "a freed block must be reused before the pool grows");
        pool.alloc();
        assertEquals(2, pool.stats().nrPages());
        assertEquals(2 * PER_PAGE, pool.stats().nrBlocks());
        assertEquals(2, dev.pagesInUse());
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("dev.poolstress.engine.pool.PoolVariants#all")
    void shouldZeroEveryBlockItHandsOutWithZalloc(String lock, String algorithm) {
        Device dev = device();
        DmaPool pool = pool(dev, lock, algorithm, 200, 8, 0);
        List<Long> blocks = alloc(pool, 40);
        for (long dma : blocks) {
            ByteBuffer block = pool.block(dma);
            assertEquals(200, block.capacity());
            for (int i = 0; i < block.capacity(); i++) {
                block.put(i, (byte) 0x5a);
            }
        }
        freeAll(pool, blocks);
        for (int n = 0; n < 40; n++) {
            long dma = pool.zalloc();
            ByteBuffer block = pool.block(dma);
            for (int i = 0; i < block.capacity(); i++) {
                assertEquals(0, block.get(i), String.format("byte %d of %#x", i, dma));
            }
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("dev.poolstress.engine.pool.PoolVariants#all")
    void shouldPoisonBlocksOnAllocAndFreeInDebugMode(String lock, String algorithm) {
        Device dev = device();
        DmaPool pool = DmaPool.builder("poisoned", dev).size(48).algorithm(algorithm).lock(lock).debug(true).build();
        List<Long> blocks = alloc(pool, 3);
        for (long dma : blocks) {
            ByteBuffer block = pool.block(dma);
            for (int i = 0; i < 48; i++) {
                assertEquals((byte) 0xa9, block.get(i), String.format("byte %d of allocated %#x", i, dma));
            }
        }
        long freed = blocks.get(1);
        pool.free(freed);
        ByteBuffer block = pool.block(freed);
        for (int i = PoolVariants.linkBytes(algorithm); i < 48; i++) {
            assertEquals((byte) 0xa7, block.get(i), String.format("byte %d of freed %#x", i, freed));
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("dev.poolstress.engine.pool.PoolVariants#all")
    void shouldReturnNullAndChangeNothingWhenNoPageCanBeHad(String lock, String algorithm) {
        Device dev = device();
        DmaPool pool = small(dev, lock, algorithm);
        dev.injectFaults(PageFaults.afterBudget(1));
        List<Long> blocks = alloc(pool, PER_PAGE);
        PoolStats full = pool.stats();

        assertEquals(DmaPool.NULL, pool.alloc());
        assertEquals(DmaPool.NULL, pool.zalloc());
        assertEquals(full, pool.stats());
        assertEquals(2, dev.pageFailures());
        assertEquals(1, dev.pagesInUse());

        pool.free(blocks.get(0));
        assertNotEquals(DmaPool.NULL, pool.alloc(), "a freed block is there to be had without a page");
        assertEquals(full, pool.stats());
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("dev.poolstress.engine.pool.PoolVariants#all")
    void shouldReturnNullFromAnEmptyPoolWhenEveryPageRequestFails(String lock, String algorithm) {
        Device dev = device();
        DmaPool pool = small(dev, lock, algorithm);
        dev.injectFaults(PageFaults.everyNth(1));
        assertEquals(DmaPool.NULL, pool.alloc());
        assertEquals(new PoolStats(SMALL, Device.PAGE_SIZE, Device.PAGE_SIZE, 0, 0, 0), pool.stats());
        dev.injectFaults(PageFaults.none());
        assertNotEquals(DmaPool.NULL, pool.alloc());
        assertEquals(1, pool.stats().nrActive());
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("dev.poolstress.engine.pool.PoolVariants#all")
    void shouldSayOnDestroyThatMoreBlocksWereFreedThanAllocated(String lock, String algorithm) {
        Device dev = device();
        DmaPool pool = small(dev, lock, algorithm);
        long block = pool.alloc();
        pool.free(block);
        pool.free(block); // unchecked without debug mode, as in the kernel
        PoolStats before = pool.stats();
        String listing = dev.pools();

        DmaPoolException busy = assertThrows(DmaPoolException.class, pool::destroy);

        assertEquals(DmaPoolException.Reason.BUSY, busy.reason());
        assertEquals("dma_pool_destroy pool busy: nrActive is -1, a block was freed more often than allocated"
                + " (a double free; debug mode rejects it)", busy.getMessage());
        assertTrue(dev.messages().contains(dev.name() + ": dma_pool_destroy pool busy"), dev.messages()::toString);
        assertEquals(before, pool.stats());
        assertEquals(listing, dev.pools(), "the pool stays listed as it was");
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("dev.poolstress.engine.pool.PoolVariants#all")
    void shouldRefuseToDestroyWhileBlocksAreInUseAndStayUsable(String lock, String algorithm) {
        Device dev = device();
        DmaPool pool = small(dev, lock, algorithm);
        List<Long> blocks = alloc(pool, 3);
        pool.free(blocks.get(1));
        PoolStats before = pool.stats();

        DmaPoolException busy = assertThrows(DmaPoolException.class, pool::destroy);
        assertEquals(DmaPoolException.Reason.BUSY, busy.reason());
        assertTrue(busy.getMessage().contains("busy") && busy.getMessage().contains("pool"), busy.getMessage());
        assertTrue(dev.messages().contains(dev.name() + ": dma_pool_destroy pool busy"), dev.messages()::toString);
        assertEquals(before, pool.stats());
        assertTrue(dev.pools().contains("\npool "), "a busy pool stays listed");

        long more = pool.alloc();
        assertNotEquals(DmaPool.NULL, more);
        pool.free(more);
        pool.free(blocks.get(0));
        pool.free(blocks.get(2));
        pool.destroy();
        assertEquals("poolinfo - 0.1\n", dev.pools());
        assertEquals(0, dev.pagesInUse());
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("dev.poolstress.engine.pool.PoolVariants#all")
    void shouldGiveEveryPageBackAndLeaveTheListingOnDestroy(String lock, String algorithm) {
        Device dev = device();
        DmaPool kept = DmaPool.builder("kept", dev).size(1000).algorithm(algorithm).lock(lock).build();
        kept.alloc();
        try (DmaPool pool = small(dev, lock, algorithm)) {
            freeAll(pool, alloc(pool, 3 * PER_PAGE));
            assertEquals(4, dev.pagesInUse());
            assertTrue(dev.pools().contains("\npool "));
        }
        assertEquals(1, dev.pagesInUse());
        assertEquals("poolinfo - 0.1\n" + "kept                1    4 1000  1\n",
                dev.pools());
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("dev.poolstress.engine.pool.PoolVariants#all")
    void shouldRejectFreeOfForeignBlock(String lock, String algorithm) {
        Device dev = device();
        DmaPool pool = small(dev, lock, algorithm);
        DmaPool other = DmaPool.builder("other", dev).size(SMALL).algorithm(algorithm).lock(lock).build();
        long mine = pool.alloc();
        long foreign = other.alloc();
        PoolStats poolBefore = pool.stats();
        PoolStats otherBefore = other.stats();

        DmaPoolException e = assertThrows(DmaPoolException.class, () -> pool.free(foreign));
        assertEquals(DmaPoolException.Reason.BAD_DMA, e.reason());
        assertTrue(e.getMessage().contains("0x" + Long.toHexString(foreign)), e.getMessage());
        long nowhere = Device.DMA_BASE + (1L << 40);
        assertEquals(DmaPoolException.Reason.BAD_DMA,
                assertThrows(DmaPoolException.class, () -> pool.free(nowhere)).reason());

        assertEquals(poolBefore, pool.stats());
        assertEquals(otherBefore, other.stats());
        other.free(foreign);
        pool.free(mine);
        assertEquals(0, pool.stats().nrActive());
        assertEquals(0, other.stats().nrActive());
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("dev.poolstress.engine.pool.PoolVariants#all")
    void shouldRefuseAViewOrWordOfAnythingButItsOwnBlocksWithoutLoggingAFree(String lock, String algorithm) {
        Device dev = device();
        DmaPool pool = small(dev, lock, algorithm);
        DmaPool other = DmaPool.builder("other", dev).size(SMALL).algorithm(algorithm).lock(lock).build();
        long mine = pool.alloc();
        long foreign = other.alloc();
        for (long dma : new long[] {foreign, mine + 8, Device.DMA_BASE + (1L << 36), DmaPool.NULL}) {
            String hex = "0x" + Long.toHexString(dma);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> pool.block(dma));
            assertTrue(e.getMessage().contains(hex) && e.getMessage().contains("pool"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> pool.getLong(dma, 0));
            assertThrows(IllegalArgumentException.class, () -> pool.putLong(dma, 0, 1L));
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> pool.getLong(mine, SMALL - 4));
        assertTrue(e.getMessage().contains("offset") && e.getMessage().contains(String.valueOf(SMALL - 8)),
                e.getMessage());
        assertEquals(List.of(), dev.messages(), "looking at memory is not a free");
        assertEquals(SMALL, pool.block(mine).capacity());
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("dev.poolstress.engine.pool.PoolVariants#all")
    void shouldNameItselfAsBuilt(String lock, String algorithm) {
        DmaPool pool = small(device(), lock, algorithm);
        assertEquals(lock, pool.lockId());
        assertEquals(algorithm, pool.algorithm().id());
        assertEquals("pool", pool.name());
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("dev.poolstress.engine.pool.PoolVariants#all")
    void shouldRefuseToAllocFromADestroyedPool(String lock, String algorithm) {
        DmaPool pool = small(device(), lock, algorithm);
        pool.free(pool.alloc());
        pool.destroy();
        assertThrows(IllegalStateException.class, pool::alloc);
    }

    /**
     * Two threads on two CPUs allocate, tag, check and free, two thirds of the frees arriving as interrupts, on the
     * thread's own CPU and on the other one. Proves nothing about races (jcstress does); checks that nothing is lost
     * or shared at the end, and that the validator finds nothing wrong with the strategy's locking.
     */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("dev.poolstress.engine.pool.PoolVariants#all")
    void shouldLoseNothingUnderMixedProcessAndIrqFrees(String lock, String algorithm) throws InterruptedException {
        assertTrue(Lockdep.ENABLED, "the build runs tests with -Dpoolstress.lockdep=true");
        String name = "mixed-" + lock + "-" + algorithm;
        churn(name, lock, algorithm, 0, 1);
    }

    /** Two threads bound to one CPU share its per-CPU cache, kept apart only by that CPU's irq gate. */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("dev.poolstress.engine.pool.PoolVariants#all")
    void shouldLoseNothingWhenTwoThreadsShareACpu(String lock, String algorithm) throws InterruptedException {
        churn("shared-" + lock + "-" + algorithm, lock, algorithm, 0, 0);
    }

    private static void churn(String name, String lock, String algorithm, int... cpuOfWorker)
            throws InterruptedException {
        Device dev = device();
        Cpus cpus = dev.cpus();
        DmaPool pool = DmaPool.builder(name, dev).size(SMALL).algorithm(algorithm).lock(lock).build();
        AtomicLong clobbered = new AtomicLong();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread[] workers = new Thread[cpuOfWorker.length];
        for (int w = 0; w < workers.length; w++) {
            int cpu = cpuOfWorker[w];
            long tag = (w + 1L) << 56;
            workers[w] = new Thread(() -> {
                try {
                    cpus.bind(cpu);
                    IrqHandler free = (irqCpu, dma) -> pool.free(dma);
                    long[] owned = new long[16];
                    for (int round = 0; round < 150; round++) {
                        for (int i = 0; i < owned.length; i++) {
                            owned[i] = pool.alloc();
                            pool.putLong(owned[i], 8, tag | owned[i]);
                        }
                        for (int i = 0; i < owned.length; i++) {
                            if (pool.getLong(owned[i], 8) != (tag | owned[i])) {
                                clobbered.incrementAndGet();
                            }
                            switch (i % 3) {
                                case 0 -> pool.free(owned[i]);
                                case 1 -> cpus.deliverIrq(cpu, free, owned[i]);
                                default -> cpus.deliverIrq(1 - cpu, free, owned[i]);
                            }
                        }
                    }
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                }
            }, name + "-worker" + w);
            workers[w].start();
        }
        for (Thread worker : workers) {
            worker.join();
        }
        if (failure.get() != null) {
            throw new AssertionError("a worker failed", failure.get());
        }
        assertEquals(0, clobbered.get(), "blocks owned by two threads at once");
        assertEquals(0, pool.stats().nrActive());
        List<LockdepReport> reports = Lockdep.reports().stream()
                .filter(r -> r.lock().startsWith(name + ".")).collect(Collectors.toList());
        assertEquals(List.of(), reports);
        pool.destroy();
        assertEquals(0, dev.pagesInUse());
    }
}
