package dev.poolstress.scenarios.storm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.poolstress.engine.cpu.Cpus;
import dev.poolstress.engine.pool.Device;
import dev.poolstress.engine.pool.DmaPool;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The loss report a storm's audit writes from the pool census, on pools left clean, leaky or double-freed. */
class LossAuditTest {
    private final Cpus cpus = Cpus.of(2);
    private final Device device = Device.create("storm", cpus);

    /** 64-byte blocks, 64 to a page. */
    private DmaPool pool(String strategy) {
        cpus.bind(0);
        return DmaPool.builder("p", device).size(64).lock(strategy).build();
    }

    private static long[] alloc(DmaPool pool, int count) {
        long[] blocks = new long[count];
        for (int i = 0; i < count; i++) {
            blocks[i] = pool.alloc();
        }
        return blocks;
    }

    @Test
    void shouldReportACleanPoolCleanAndDestroyIt() {
        DmaPool pool = pool("percpu");
        for (long dma : alloc(pool, 100)) {
            pool.free(dma);
        }
        LossAudit audit = new LossAudit(device);

        audit.audit(pool);
        LossReport report = audit.report();

        assertTrue(report.clean(), report::toString);
        assertEquals(0, device.pagesInUse());
    }

    @Test
    void shouldReportABlockThatNeverCameBack() {
        DmaPool pool = pool(LeakyFreeStrategy.class.getName());
        for (long dma : alloc(pool, 50)) {
            pool.free(dma); // the 50th free is dropped
        }
        LossAudit audit = new LossAudit(device);

        audit.audit(pool);
        LossReport report = audit.report();

        assertEquals(1, report.lost());
        assertEquals(0, report.doubleOwned());
        assertEquals(List.of("pool p: nrActive is 1 after the storm, expected 0",
                "pool p: 1 of 64 blocks never came back (not in any free list or per-CPU cache)",
                "pool p: dma_pool_destroy p busy: 2 blocks still in use"), report.problems()); // one more free dropped
    }

    @Test
    void shouldReportABlockTheFreeListHoldsTwice() {
        DmaPool pool = pool("spin-ticket");
        long[] blocks = alloc(pool, 2);
        pool.free(blocks[0]);
        pool.free(blocks[0]); // no debug checks: the block now links to itself
        pool.free(blocks[1]);
        LossAudit audit = new LossAudit(device);

        audit.audit(pool);
        LossReport report = audit.report();

        List<String> expected = new ArrayList<>();
        expected.add("pool p: nrActive is -1 after the storm, expected 0");
        for (int i = 0; i < OwnershipLedger.KEPT; i++) {
            expected.add(String.format("pool p: block %#x was handed out twice by the audit (the free list holds it"
                    + " twice)", blocks[0]));
        }
        expected.add("pool p: 62 of 64 blocks never came back (not in any free list or per-CPU cache)");
        assertEquals(63, report.doubleOwned(), "the drain stops at one more block than the pool has");
        assertEquals(62, report.lost());
        assertEquals(expected, report.problems().subList(0, expected.size()));
    }
}
