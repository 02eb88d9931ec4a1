package dev.poolstress.engine.percpu;

import static dev.poolstress.engine.percpu.Allocations.alloc;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.poolstress.engine.cpu.Cpus;
import dev.poolstress.engine.cpu.IrqHandler;
import dev.poolstress.engine.lock.TtasSpinLock;
import dev.poolstress.engine.pool.Device;
import dev.poolstress.engine.pool.DmaPool;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The per-CPU magazines' own behaviour, beyond the contract every strategy meets: freed blocks stay on the CPU that
 * freed them until both its magazines are full, and then a full magazine goes to the depot, where any CPU takes it
 * whole.
 */
class PerCpuMagazinesTest {
    /** 64-byte blocks, 64 to a page; magazines of 8 blocks, refilled from the free list 4 at a time. */
    private static DmaPool pool(Cpus cpus) {
        cpus.bind(0);
        return DmaPool.builder("percpu", Device.create("dev", cpus)).size(64)
                .lock(blocks -> new PerCpuMagazines(blocks, 8, 4)).build();
    }

    @Test
    void shouldHandAFullMagazineFromOneCpuToAnotherThroughTheDepot() {
        Cpus cpus = Cpus.of(2);
        DmaPool pool = pool(cpus);
        List<Long> page = alloc(pool, 64);
        IrqHandler free = (cpu, dma) -> pool.free(dma);
        for (long dma : page.subList(0, 16)) {
            cpus.deliverIrq(1, free, dma); // both of CPU 1's magazines are now full
        }
        assertEquals(48, pool.stats().nrActive());

        pool.alloc();
        assertEquals(2, pool.stats().nrPages(), "CPU 0 cannot reach blocks held in CPU 1's magazines, so it grows");

        cpus.deliverIrq(1, free, page.get(16)); // a seventeenth: CPU 1's loaded magazine goes to the depot
        assertEquals(48, pool.stats().nrActive(), "blocks in the depot count as free");
        List<Long> fromDepot = alloc(pool, 8);
        assertEquals(2, pool.stats().nrPages(), "the full magazine was there for CPU 0 to take");
        List<Long> expected = new ArrayList<>(page.subList(8, 16));
        Collections.reverse(expected);
        assertEquals(expected, fromDepot, "CPU 0 pops the whole magazine CPU 1 filled, last freed first");
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
    void shouldBypassTheMagazinesInDebugMode() {
        Cpus cpus = Cpus.of(2);
        cpus.bind(0);
        Device dev = Device.create("dev", cpus);
        DmaPool pool = DmaPool.builder("debug", dev).size(64).lock("percpu").debug(true).build();
        long dma = pool.alloc();
        cpus.deliverIrq(1, (cpu, arg) -> pool.free(arg), dma);
        assertEquals(dma, pool.alloc(), "a block freed on CPU 1 went straight back to the free list");
    }

    @Test
    void shouldReportItsDepotLockToTheValidatorUnderItsOwnName() {
        Cpus cpus = Cpus.of(1);
        cpus.bind(0);
        PerCpuMagazines[] made = new PerCpuMagazines[1];
        DmaPool.builder("named", Device.create("dev", cpus)).size(64)
                .lock(blocks -> made[0] = new PerCpuMagazines(blocks)).build();
        assertEquals("named.percpu depot lock", made[0].global.lockName());
    }

    /** Both magazine strategies check their sizes in the depot they share; {@code thread} picks thread-cache. */
    @ParameterizedTest
    @CsvSource({"false, 0, 1", "false, 8, 0", "false, 4, 8", "false, -1, -1", "true, 0, 1", "true, 4, 8"})
    void shouldRejectABatchThatDoesNotFitAMagazine(boolean thread, int capacity, int batch) {
        Cpus cpus = Cpus.of(1);
        cpus.bind(0);
        Device dev = Device.create("dev", cpus);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DmaPool.builder("bad", dev)
                .size(64).lock(blocks -> thread
                        ? new PerThreadMagazines(blocks, capacity, batch, new TtasSpinLock(blocks))
                        : new PerCpuMagazines(blocks, capacity, batch)).build());
        assertTrue(e.getMessage().contains("batch") && e.getMessage().contains("capacity"), e.getMessage());
        assertEquals("poolinfo - 0.1\n", dev.pools());
    }
}
