package dev.poolstress.engine.percpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.poolstress.engine.Device;
import dev.poolstress.engine.DmaPool;
import dev.poolstress.engine.cpu.Cpus;
import dev.poolstress.engine.cpu.IrqHandler;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The per-CPU caches' own behaviour, beyond the contract every strategy meets: freed blocks stay on the CPU that
 * freed them until its stack is full, and then a batch goes back to the global list where any CPU can take it.
 */
class PerCpuStackCacheTest {
    /** 64-byte blocks, 64 to a page; caches of 8 blocks, moved 4 at a time. */
    private static DmaPool pool(Cpus cpus) {
        cpus.bind(0);
        return DmaPool.builder("percpu", Device.create("dev", cpus)).size(64)
                .lock(blocks -> new PerCpuStackCache(blocks, 8, 4)).build();
    }

    private static List<Long> alloc(DmaPool pool, int count) {
        List<Long> blocks = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long dma = pool.alloc();
            assertNotEquals(DmaPool.NULL, dma);
            blocks.add(dma);
        }
        return blocks;
    }

    @Test
    void shouldKeepBlocksFreedOnAnotherCpuThereUntilItsStackIsFull() {
        Cpus cpus = Cpus.of(2);
        DmaPool pool = pool(cpus);
        List<Long> page = alloc(pool, 64);
        IrqHandler free = (cpu, dma) -> pool.free(dma);
        for (long dma : page.subList(0, 8)) {
            cpus.deliverIrq(1, free, dma); // CPU 1's stack is now full
        }
        assertEquals(56, pool.stats().nrActive());

        pool.alloc();
        assertEquals(2, pool.stats().nrPages(), "CPU 0 cannot reach blocks cached on CPU 1, so the pool grows");

        cpus.deliverIrq(1, free, page.get(8)); // a ninth: CPU 1 flushes its four oldest first
        assertEquals(56, pool.stats().nrActive());
        List<Long> fromCpu0 = alloc(pool, 63 + 4);
        assertEquals(2, pool.stats().nrPages(), "the flushed blocks were there for CPU 0 to take");
        assertTrue(fromCpu0.containsAll(page.subList(0, 4)), "the oldest blocks went back to the global list");
    }

    @Test
    void shouldHandBackBlocksFreedOnTheSameCpuFirst() {
        Cpus cpus = Cpus.of(2);
        DmaPool pool = pool(cpus);
        List<Long> blocks = alloc(pool, 10);
        pool.free(blocks.get(3));
        pool.free(blocks.get(7));
        assertEquals(blocks.get(7), pool.alloc());
        assertEquals(blocks.get(3), pool.alloc());
    }

    @Test
    void shouldBypassTheCachesInDebugMode() {
        Cpus cpus = Cpus.of(2);
        cpus.bind(0);
        Device dev = Device.create("dev", cpus);
        DmaPool pool = DmaPool.builder("debug", dev).size(64).lock("percpu").debug(true).build();
        long dma = pool.alloc();
        cpus.deliverIrq(1, (cpu, arg) -> pool.free(arg), dma);
        assertEquals(dma, pool.alloc(), "a block freed on CPU 1 went straight back to the global list");
    }

    @ParameterizedTest
    @CsvSource({"0, 1", "8, 0", "4, 8", "-1, -1"})
    void shouldRejectABatchThatDoesNotFitTheStack(int capacity, int batch) {
        Cpus cpus = Cpus.of(1);
        cpus.bind(0);
        Device dev = Device.create("dev", cpus);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DmaPool.builder("bad", dev)
                .size(64).lock(blocks -> new PerCpuStackCache(blocks, capacity, batch)).build());
        assertTrue(e.getMessage().contains("batch") && e.getMessage().contains("capacity"), e.getMessage());
        assertEquals("poolinfo - 0.1\n", dev.pools());
    }
}
