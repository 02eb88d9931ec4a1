package dev.poolstress.stress.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class StallWatchTest {
    private long now = 1_000;
    private final StallWatch watch = new StallWatch(Duration.ofSeconds(60), () -> now);

    private void advance(long seconds) {
        now += TimeUnit.SECONDS.toNanos(seconds);
    }

    @Test
    void shouldCallARunStalledOnlyAfterTheLimitWithoutProgress() {
        advance(59);
        assertFalse(watch.stalled());
        watch.progress("[OK] t.loss.Loses");
        advance(59);
        assertFalse(watch.stalled());
        advance(1);
        assertTrue(watch.stalled());
        assertEquals(Duration.ofSeconds(60), watch.idle());
        assertEquals("[OK] t.loss.Loses", watch.lastProgress());
    }

    @Test
    void shouldQuoteTheStartWhenNothingWasEverReported() {
        advance(60);
        assertTrue(watch.stalled());
        assertEquals("none (the run started)", watch.lastProgress());
    }

    @Test
    void shouldRejectANonPositiveLimit() {
        assertThrows(IllegalArgumentException.class, () -> new StallWatch(Duration.ZERO, () -> now));
    }

    @Test
    void shouldFindTheTestAStalledForkIsRunningInItsThreadDump() {
        String dump = String.join("\n",
                "\"main\" #1 prio=5 os_prio=0 tid=0x1 nid=0x2 waiting on condition",
                "\tat java.lang.Thread.sleep(java.base@17/Native Method)",
                "\tat org.openjdk.jcstress.ForkedMain.main(ForkedMain.java:50)",
                "",
                "\"jcstress-worker-1\" #15 daemon prio=5 runnable",
                "\tat dev.poolstress.engine.lock.TicketSpinLock.acquire(TicketSpinLock.java:40)",
                "\tat dev.poolstress.stress.termination.IrqStormTerminates.cpu1(IrqStormTerminates.java:60)",
                "\tat dev.poolstress.stress.termination.IrqStormTerminates_jcstress.a1(Unknown Source)");
        List<String> tests = List.of("dev.poolstress.stress.loss.AllocFreeLosesNoBlock",
                "dev.poolstress.stress.termination.IrqStormTerminates");

        assertEquals(Optional.of("dev.poolstress.stress.termination.IrqStormTerminates"),
                StallWatch.testInThreadDump(dump, tests));
        assertEquals(Optional.empty(), StallWatch.testInThreadDump("\"main\"\n\tat java.lang.Object.wait", tests));
    }
}
