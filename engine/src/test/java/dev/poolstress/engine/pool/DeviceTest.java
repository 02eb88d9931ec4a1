package dev.poolstress.engine.pool;

import static dev.poolstress.engine.pool.PoolVariants.device;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.poolstress.engine.CoherentPage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The emulated device: coherent pages in their own DMA space, the faults it can be told to inject, its log. */
class DeviceTest {
    @ParameterizedTest
    @ValueSource(ints = {1, 100, 4096, 4097, 5000, 8192, 20000})
    void shouldHandOutAlignedPagesFoundByAnyAddressInside(int size) {
        Device dev = device();
        CoherentPage first = dev.allocCoherent(size);
        CoherentPage page = dev.allocCoherent(size);
        long reserved = Long.highestOneBit(Math.max(size, Device.PAGE_SIZE) - 1L) << 1;
        assertEquals(size, page.size());
        assertEquals(0, page.dma() % reserved, "aligned to its size rounded up to a power of two of pages");
        assertTrue(page.dma() >= Device.DMA_BASE && first.dma() >= Device.DMA_BASE);
        for (long offset = 0; offset < size; offset += 97) {
            assertSame(page, dev.page(page.dma() + offset));
        }
        assertSame(page, dev.page(page.dma() + size - 1));
        assertSame(first, dev.page(first.dma()));
        assertEquals(2, dev.pagesInUse());
    }

    /** Pages sliced from one chunk must still be separate memory, zeroed, and each found by its own addresses. */
    @Test
    void shouldKeepManyPagesSeparateZeroedAndFoundAfterTheFrameTableGrew() {
        Device dev = device();
        List<CoherentPage> pages = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            CoherentPage page = dev.allocCoherent(i % 7 == 0 ? 3 * Device.PAGE_SIZE : Device.PAGE_SIZE);
            for (int offset = 0; offset < page.size(); offset += Long.BYTES) {
                assertEquals(0, page.memory().getLong(offset), "fresh coherent memory is zeroed");
            }
            page.memory().putLong(0, i);
            page.memory().putLong(page.size() - Long.BYTES, ~i);
            pages.add(page);
        }
        for (int i = 0; i < pages.size(); i++) {
            CoherentPage page = pages.get(i);
            assertEquals(i, page.memory().getLong(0), "another page's writes reached this one");
            assertEquals(~i, page.memory().getLong(page.size() - Long.BYTES));
            assertSame(page, dev.page(page.dma()));
            assertSame(page, dev.page(page.dma() + page.size() - 1));
        }
        for (int i = 0; i < pages.size(); i += 2) {
            dev.freeCoherent(pages.get(i));
        }
        for (int i = 0; i < pages.size(); i++) {
            CoherentPage page = pages.get(i);
            if (i % 2 == 0) {
                assertNull(dev.page(page.dma()));
            } else {
                assertSame(page, dev.page(page.dma()));
            }
        }
        assertEquals(pages.size() / 2, dev.pagesInUse());
    }

    @Test
    void shouldFindNoPageOutsideWhatWasHandedOut() {
        Device dev = device();
        CoherentPage page = dev.allocCoherent(Device.PAGE_SIZE);
        assertNull(dev.page(DmaPool.NULL));
        assertNull(dev.page(Device.DMA_BASE - 1));
        assertNull(dev.page(page.dma() + Device.PAGE_SIZE));
        assertNull(dev.page(Long.MAX_VALUE));
        assertNull(dev.page(-1L));
    }

    @Test
    void shouldForgetAFreedPageAndReuseItsAddresses() {
        Device dev = device();
        CoherentPage page = dev.allocCoherent(Device.PAGE_SIZE);
        long dma = page.dma();
        dev.freeCoherent(page);
        assertNull(dev.page(dma));
        assertEquals(0, dev.pagesInUse());
        assertThrows(IllegalArgumentException.class, () -> dev.freeCoherent(page), "freed twice");
        CoherentPage again = dev.allocCoherent(Device.PAGE_SIZE);
        assertEquals(dma, again.dma());
        assertSame(again, dev.page(dma));
    }

    @Test
    void shouldRejectAPageOfAnotherDevice() {
        CoherentPage foreign = device().allocCoherent(Device.PAGE_SIZE);
        Device dev = device();
        dev.allocCoherent(Device.PAGE_SIZE); // the same bus address, another page
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> dev.freeCoherent(foreign));
        assertTrue(e.getMessage().contains(dev.name()), e.getMessage());
        assertEquals(1, dev.pagesInUse());
    }

    private static List<Boolean> granted(Device dev, int requests) {
        List<Boolean> granted = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            granted.add(dev.allocCoherent(Device.PAGE_SIZE) != null);
        }
        return granted;
    }

    @Test
    void shouldFailEveryNthPageRequest() {
        Device dev = device();
        dev.injectFaults(PageFaults.everyNth(3));
        assertEquals(List.of(true, true, false, true, true, false, true), granted(dev, 7));
        assertEquals(2, dev.pageFailures());
        assertEquals(5, dev.pagesInUse());
    }

    @Test
    void shouldCountRequestsAgainFromANewPolicy() {
        Device dev = device();
        dev.injectFaults(PageFaults.everyNth(2));
        granted(dev, 3);
        dev.injectFaults(PageFaults.everyNth(2));
        assertEquals(List.of(true, false), granted(dev, 2));
        dev.injectFaults(PageFaults.none());
        assertEquals(List.of(true, true, true), granted(dev, 3));
        assertEquals(2, dev.pageFailures());
    }

    @Test
    void shouldGrantABudgetThenFailEveryRequest() {
        Device dev = device();
        dev.injectFaults(PageFaults.afterBudget(2));
        assertEquals(List.of(true, true, false, false), granted(dev, 4));
        dev.injectFaults(PageFaults.afterBudget(0));
        assertEquals(List.of(false), granted(dev, 1));
    }

    @Test
    void shouldRepeatAProbabilisticRunFromItsSeed() {
        Device one = device();
        Device two = device();
        one.injectFaults(PageFaults.probability(0.5, 42));
        two.injectFaults(PageFaults.probability(0.5, 42));
        List<Boolean> run = granted(one, 64);
        assertEquals(run, granted(two, 64));
        assertTrue(run.contains(true) && run.contains(false), run::toString);
        Device never = device();
        never.injectFaults(PageFaults.probability(0.0, 1));
        assertEquals(0, granted(never, 16).stream().filter(ok -> !ok).count());
        Device always = device();
        always.injectFaults(PageFaults.probability(1.0, 1));
        assertEquals(16, granted(always, 16).stream().filter(ok -> !ok).count());
    }

    @Test
    void shouldRejectNonsensePolicies() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PageFaults.everyNth(0)).getMessage()
                .contains("0"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PageFaults.probability(1.5, 1)).getMessage()
                .contains("1.5"));
        assertThrows(IllegalArgumentException.class, () -> PageFaults.probability(Double.NaN, 1));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PageFaults.afterBudget(-1)).getMessage()
                .contains("-1"));
        assertThrows(IllegalArgumentException.class, () -> device().allocCoherent(0));
        assertThrows(IllegalArgumentException.class, () -> Device.create(" "));
    }

    @Test
    void shouldPrefixLoggedLinesWithItsNameAndKeepTheLastThousand() {
        Device dev = device();
        for (int i = 0; i < 1005; i++) {
            dev.logError("line " + i);
        }
        List<String> messages = dev.messages();
        assertEquals(1000, messages.size());
        assertEquals(dev.name() + ": line 5", messages.get(0));
        assertEquals(dev.name() + ": line 1004", messages.get(999));
    }

    @Test
    void shouldRecordThePoolAPageWasAllocatedFor() {
        Device dev = device();
        DmaPool pool = DmaPool.create("owner", dev, 64, 0, 0);
        CoherentPage page = dev.page(pool.alloc());
        assertNotNull(page);
        assertNotNull(page.owner());
        assertNull(dev.allocCoherent(64).owner());
    }
}
