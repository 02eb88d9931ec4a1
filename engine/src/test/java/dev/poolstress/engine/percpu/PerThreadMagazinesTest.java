package dev.poolstress.engine.percpu;

import static dev.poolstress.engine.percpu.Allocations.alloc;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.poolstress.engine.cpu.CpuThread;
import dev.poolstress.engine.cpu.Cpus;
import dev.poolstress.engine.lock.TtasSpinLock;
import dev.poolstress.engine.pool.Device;
import dev.poolstress.engine.pool.DmaPool;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The per-thread magazines' own behaviour, beyond the contract every strategy meets: a thread's freed blocks stay
 * with it, even those its interrupt handlers free; another thread reaches them only once the thread has ended, or
 * through {@link DmaPool#flushThreadCaches()} on a quiescent pool; and {@code nrActive} counts them as free
 * throughout.
 */
class PerThreadMagazinesTest {
    /** 64-byte blocks, 64 to a page; magazines of 8 blocks, refilled from the free list 4 at a time. */
    private static DmaPool pool(Cpus cpus) {
        cpus.bind(0);
        return DmaPool.builder("thread", Device.create("dev", cpus)).size(64)
                .lock(blocks -> new PerThreadMagazines(blocks, 8, 4, new TtasSpinLock(blocks))).build();
    }

    private static void freeAll(DmaPool pool, List<Long> blocks) {
        blocks.forEach(pool::free);
    }

    /** Runs {@code action} on a thread of its own and waits for it to end. */
    private static void onThread(Runnable action) throws InterruptedException {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread thread = new Thread(() -> {
            try {
                action.run();
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        thread.start();
        thread.join();
        if (failure.get() != null) {
            throw new AssertionError("the other thread failed", failure.get());
        }
    }

    @Test
    void shouldKeepAThreadsFreedBlocksFromALiveThreadButCountThemFree() throws InterruptedException {
        Cpus cpus = Cpus.of(2);
        DmaPool pool = pool(cpus);
        List<Long> page = alloc(pool, 64);
        freeAll(pool, page.subList(0, 16)); // both of this thread's magazines are now full
        assertEquals(48, pool.stats().nrActive());

        onThread(() -> {
            long dma = pool.alloc();
            assertEquals(2, pool.stats().nrPages(), "blocks in a live thread's magazines are out of reach: it grows");
            pool.free(dma);
        });
        assertEquals(48, pool.stats().nrActive());
        freeAll(pool, page.subList(16, 64));
        assertEquals(0, pool.stats().nrActive());
        pool.destroy();
    }

    @Test
    void shouldGiveAnEndedThreadsBlocksBackBeforeGrowing() throws InterruptedException {
        Cpus cpus = Cpus.of(2);
        DmaPool pool = pool(cpus);
        AtomicReference<List<Long>> theirs = new AtomicReference<>();
        onThread(() -> {
            List<Long> page = alloc(pool, 64);
            freeAll(pool, page.subList(0, 16)); // the ending thread keeps 16 in its magazines
            theirs.set(page.subList(0, 16));
        });
        assertEquals(48, pool.stats().nrActive(), "an ended thread's blocks are still counted free");

        List<Long> taken = alloc(pool, 16);
        assertEquals(1, pool.stats().nrPages(), "the ended thread's blocks came back before the pool grew");
        assertEquals(theirs.get().stream().sorted().toList(), taken.stream().sorted().toList());
        assertEquals(64, pool.stats().nrActive());
    }

    @Test
    void shouldFlushEveryThreadsBlocksForAnAuditOnAQuiescentPool() throws InterruptedException {
        Cpus cpus = Cpus.of(2);
        DmaPool pool = pool(cpus);
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch audited = new CountDownLatch(1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread holder = new Thread(() -> {
            try {
                freeAll(pool, alloc(pool, 64).subList(0, 12)); // a whole page, 12 kept in this live thread
                holding.countDown();
                audited.await();
                assertNotEquals(DmaPool.NULL, pool.alloc(), "the thread goes on with its emptied magazines");
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        holder.start();
        holding.await();

        pool.flushThreadCaches(); // the holder waits, and all it did happens-before: the pool is quiescent
        alloc(pool, 12);
        assertEquals(1, pool.stats().nrPages(), "the live thread's blocks were flushed to the free list");

        audited.countDown();
        holder.join();
        assertEquals(null, failure.get());
        assertEquals(64 - 12 + 12 + 1, pool.stats().nrActive());
    }

    @Test
    void shouldKeepBlocksAnInterruptHandlerFreesInTheDeliveringThread() throws InterruptedException {
        Cpus cpus = Cpus.of(2);
        DmaPool pool = pool(cpus);
        long dma = pool.alloc();
        cpus.deliverIrq(1, (cpu, arg) -> pool.free(arg), dma);
        onThread(() -> assertNotEquals(dma, pool.alloc(), "another thread does not see the handler's free"));
        assertEquals(dma, pool.alloc(), "the handler's free went to the delivering thread's magazine");
    }

    @Test
    void shouldKeepEachPoolsBlocksApartWhenACpuThreadMovesBetweenPools() throws InterruptedException {
        Cpus cpus = Cpus.of(2);
        DmaPool first = pool(cpus);
        DmaPool second = pool(cpus);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread thread = new CpuThread(() -> {
            try {
                for (int round = 0; round < 100; round++) {
                    long a = first.alloc();
                    long b = second.alloc();
                    first.block(a); // throws unless a is a block of first
                    second.block(b);
                    first.free(a);
                    second.free(b);
                }
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "mover");
        thread.start();
        thread.join();
        assertEquals(null, failure.get());
        assertEquals(0, first.stats().nrActive());
        assertEquals(0, second.stats().nrActive());
        assertEquals(1, first.stats().nrPages());
        assertEquals(1, second.stats().nrPages());
    }

    @Test
    void shouldReportItsDepotLockToTheValidatorUnderItsOwnName() {
        Cpus cpus = Cpus.of(1);
        cpus.bind(0);
        PerThreadMagazines[] made = new PerThreadMagazines[1];
        DmaPool.builder("named", Device.create("dev", cpus)).size(64)
                .lock(blocks -> made[0] = new PerThreadMagazines(blocks)).build();
        assertEquals("named.thread-cache depot lock", made[0].global.lockName());
    }

    @Test
    void shouldBypassTheMagazinesInDebugMode() throws InterruptedException {
        Cpus cpus = Cpus.of(2);
        cpus.bind(0);
        DmaPool pool = DmaPool.builder("debug", Device.create("dev", cpus)).size(64).lock("thread-cache")
                .debug(true).build();
        long dma = pool.alloc();
        pool.free(dma);
        onThread(() -> assertEquals(dma, pool.alloc(), "the block went straight back to the free list"));
    }
}
