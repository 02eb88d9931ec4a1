package dev.poolstress.scenarios.storm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.poolstress.engine.pool.Device;
import dev.poolstress.engine.pool.DmaPool;
import dev.poolstress.engine.pool.PageFaults;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class DmapoolTestRoundTest {
    /** 64-byte blocks: 64 to a page. */
    private static DmaPool pool(Device device) {
        return DmaPool.builder("round", device).size(64).lock("spin-tas").build();
    }

    /** Kernel calls, recording the order blocks are freed in, and skipping NULLs when told to. */
    private static final class Recording implements DmapoolTestRound.Hooks {
        final boolean skip;
        final List<Integer> freed = new ArrayList<>();
        int nulls;

        Recording(boolean skip) {
            this.skip = skip;
        }

        @Override
        public boolean skipNull() {
            nulls++;
            return skip;
        }

        @Override
        public void free(DmaPool pool, long dma, int n) {
            freed.add(n);
            pool.free(dma);
        }
    }

    @Test
    void shouldTakeEveryBlockThenGiveThemAllBackRoundAfterRound() {
        Device device = Device.create("round");
        DmaPool pool = pool(device);
        DmapoolTestRound round = new DmapoolTestRound(200, DmapoolTestRound.KERNEL);

        assertEquals(200, round.run(pool, 200));
        assertEquals(150, round.run(pool, 150));

        assertEquals(0, pool.stats().nrActive());
        assertEquals(4, pool.stats().nrPages(), "the second round reused the first round's pages");
        pool.destroy();
        assertEquals(0, device.pagesInUse());
    }

    @Test
    void shouldGiveUpAtTheFirstNullAndFreeWhatItTookNewestFirstAsTheKernel() {
        Device device = Device.create("enomem");
        device.injectFaults(PageFaults.afterBudget(1));
        DmaPool pool = pool(device);
        Recording hooks = new Recording(false);

        int taken = new DmapoolTestRound(100, hooks).run(pool, 100);

        assertEquals(64, taken, "alloc 65 found no page");
        assertEquals(1, hooks.nulls, "no alloc after the first NULL");
        assertEquals(IntStream.rangeClosed(0, 63).map(i -> 63 - i).boxed().toList(), hooks.freed);
        assertEquals(0, pool.stats().nrActive());
    }

    @Test
    void shouldGoOnPastEachNullWhenTheHooksSkipItAndFreeOldestFirst() {
        Device device = Device.create("skip");
        device.injectFaults(PageFaults.afterBudget(1));
        DmaPool pool = pool(device);
        Recording hooks = new Recording(true);

        int taken = new DmapoolTestRound(100, hooks).run(pool, 100);

        assertEquals(64, taken);
        assertEquals(36, hooks.nulls, "every alloc past the page's 64 blocks was tried and returned NULL");
        assertEquals(IntStream.range(0, 64).boxed().toList(), hooks.freed);
        assertEquals(0, pool.stats().nrActive());
    }
}
