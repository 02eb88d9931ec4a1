package dev.poolstress.engine.cpu;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The virtual CPUs: binding, {@code local_irq_save}/{@code restore} nesting, and delivering interrupts. */
class CpusTest {
    private static final Duration PATIENCE = Duration.ofSeconds(10);

    /** Starts {@code body} on a new thread and returns it; a failure is kept in {@code failure}. */
    private static Thread start(String name, AtomicReference<Throwable> failure, ThrowingRunnable body) {
        Thread thread = new Thread(() -> {
            try {
                body.run();
            } catch (Throwable t) {
                failure.compareAndSet(null, t);
            }
        }, name);
        thread.start();
        return thread;
    }

    private interface ThrowingRunnable {
        void run() throws Exception;
    }

    @Test
    void shouldRunTheCallerOnTheCpuItBoundTo() {
        Cpus cpus = Cpus.of(4);
        cpus.bind(2);
        assertEquals(2, cpus.current());
        cpus.bind(3);
        assertEquals(3, cpus.current());
        assertFalse(cpus.inIrq());
        assertFalse(cpus.irqsDisabled());
    }

    @Test
    void shouldRejectACpuTheMachineDoesNotHave() {
        Cpus cpus = Cpus.of(4);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> cpus.bind(4));
        assertTrue(e.getMessage().contains("between 0 and 3") && e.getMessage().contains("4"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> cpus.bind(-1));
        assertThrows(IllegalArgumentException.class, () -> cpus.deliverIrq(7, (cpu, arg) -> { }, 0));
        assertThrows(IllegalArgumentException.class, () -> Cpus.of(0));
    }

    @Test
    void shouldPlaceThreadsThatNeverBoundRoundRobin() throws InterruptedException {
        Cpus cpus = Cpus.of(3);
        List<Integer> placed = new ArrayList<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        for (int i = 0; i < 6; i++) {
            Thread thread = start("unbound" + i, failure, () -> {
                synchronized (placed) {
                    placed.add(cpus.current());
                }
            });
            thread.join();
        }
        assertNull(failure.get());
        assertEquals(List.of(0, 1, 2, 0, 1, 2), placed);
    }

    @Test
    void shouldNestLocalIrqSaveAndRestoreLikeTheKernel() {
        Cpus cpus = Cpus.of(2);
        cpus.bind(1);
        long outer = cpus.localIrqSave();
        assertTrue(Cpus.irqsWereEnabled(outer));
        assertEquals(1, Cpus.cpuOf(outer));
        assertTrue(cpus.irqsDisabled());
        long inner = cpus.localIrqSave();
        assertFalse(Cpus.irqsWereEnabled(inner));
        assertEquals(1, Cpus.cpuOf(inner));
        assertTrue(cpus.irqsDisabled());

        cpus.localIrqRestore(inner);
        assertTrue(cpus.irqsDisabled(), "restoring the inner flags leaves interrupts off");
        cpus.localIrqRestore(outer);
        assertFalse(cpus.irqsDisabled(), "restoring the outer flags turns them back on");
    }

    @Test
    void shouldRefuseARestoreWithoutASave() {
        Cpus cpus = Cpus.of(2);
        cpus.bind(0);
        long flags = cpus.localIrqSave();
        long nested = cpus.localIrqSave();
        cpus.localIrqRestore(flags);
        assertThrows(IllegalStateException.class, () -> cpus.localIrqRestore(flags));
        cpus.localIrqRestore(nested); // a nested restore changes nothing
        assertFalse(cpus.irqsDisabled());
    }

    @Test
    void shouldRefuseToMoveWithInterruptsOff() {
        Cpus cpus = Cpus.of(2);
        cpus.bind(0);
        long flags = cpus.localIrqSave();
        assertThrows(IllegalStateException.class, () -> cpus.bind(1));
        cpus.localIrqRestore(flags);
        cpus.bind(1);
        assertEquals(1, cpus.current());
    }

    @Test
    void shouldRunTheHandlerInIrqContextOnTheTargetCpu() {
        Cpus cpus = Cpus.of(2);
        cpus.bind(0);
        List<Object> seen = new ArrayList<>();
        cpus.deliverIrq(1, (cpu, arg) -> {
            seen.add(cpu);
            seen.add(arg);
            seen.add(cpus.inIrq());
            seen.add(cpus.current());
            seen.add(cpus.irqsDisabled());
        }, 0xd00dL);
        assertEquals(List.of(1, 0xd00dL, true, 1, true), seen);
        assertFalse(cpus.inIrq());
        assertEquals(0, cpus.current());
        assertFalse(cpus.irqsDisabled());
    }

    @Test
    void shouldLeaveIrqContextWhenTheHandlerThrows() {
        Cpus cpus = Cpus.of(2);
        cpus.bind(0);
        assertThrows(IllegalStateException.class, () -> cpus.deliverIrq(1, (cpu, arg) -> {
            throw new IllegalStateException("handler failed");
        }, 0));
        assertFalse(cpus.inIrq());
        assertEquals(0, cpus.current());
        AtomicBoolean ran = new AtomicBoolean();
        cpus.deliverIrq(1, (cpu, arg) -> ran.set(true), 0); // the gate was given back
        assertTrue(ran.get());
    }

    @Test
    void shouldNestAHandlerThatDeliversToAnotherCpu() {
        Cpus cpus = Cpus.of(3);
        cpus.bind(0);
        List<Integer> cpusSeen = new ArrayList<>();
        cpus.deliverIrq(1, (outer, a) -> {
            cpus.deliverIrq(2, (inner, b) -> cpusSeen.add(cpus.current()), 0);
            cpusSeen.add(cpus.current());
            cpusSeen.add(cpus.inIrq() ? 1 : 0);
        }, 0);
        assertEquals(List.of(2, 1, 1), cpusSeen);
        assertFalse(cpus.inIrq());
    }

    @Test
    void shouldRefuseDeliveryToACpuWhereTheCallerHasInterruptsOff() {
        Cpus cpus = Cpus.of(2);
        cpus.bind(0);
        long flags = cpus.localIrqSave();
        try {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> cpus.deliverIrq(0, (cpu, arg) -> { }, 0));
            assertTrue(e.getMessage().contains("CPU 0"), e.getMessage());
            AtomicBoolean ran = new AtomicBoolean();
            cpus.deliverIrq(1, (cpu, arg) -> ran.set(true), 0);
            assertTrue(ran.get(), "another CPU still takes interrupts");
        } finally {
            cpus.localIrqRestore(flags);
        }
        // and inside a handler of CPU 1, CPU 1 cannot be interrupted again
        assertThrows(IllegalStateException.class,
                () -> cpus.deliverIrq(1, (cpu, arg) -> cpus.deliverIrq(1, (c, a) -> { }, 0), 0));
    }

    /**
     * One thread holds CPU 1's interrupts off; another delivers an interrupt to CPU 1. The handler records whether
     * the section had closed when it ran, and the holder records whether the handler had run before it closed the
     * section. Awaitility keeps the section open for a while to give a broken gate every chance to let the handler
     * in; nothing here depends on how fast either thread is.
     */
    @Test
    void shouldHoldAnInterruptBackWhileItsCpuHasInterruptsOff() throws InterruptedException {
        Cpus cpus = Cpus.of(2);
        CountDownLatch sectionOpen = new CountDownLatch(1);
        CountDownLatch delivering = new CountDownLatch(1);
        AtomicBoolean sectionClosed = new AtomicBoolean();
        AtomicBoolean handlerRan = new AtomicBoolean();
        AtomicBoolean handlerRanInsideSection = new AtomicBoolean();
        AtomicReference<Boolean> sawSectionClosed = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();

        Thread holder = start("holder", failure, () -> {
            cpus.bind(1);
            long flags = cpus.localIrqSave();
            sectionOpen.countDown();
            assertTrue(delivering.await(PATIENCE.toSeconds(), TimeUnit.SECONDS));
            await().during(Duration.ofMillis(200)).atMost(PATIENCE).untilFalse(handlerRan);
            handlerRanInsideSection.set(handlerRan.get());
            sectionClosed.set(true);
            cpus.localIrqRestore(flags);
        });
        Thread deliverer = start("deliverer", failure, () -> {
            cpus.bind(0);
            assertTrue(sectionOpen.await(PATIENCE.toSeconds(), TimeUnit.SECONDS));
            delivering.countDown();
            cpus.deliverIrq(1, (cpu, arg) -> {
                sawSectionClosed.set(sectionClosed.get());
                handlerRan.set(true);
            }, 0);
        });

        await().atMost(PATIENCE).untilTrue(handlerRan);
        holder.join();
        deliverer.join();
        assertNull(failure.get(), () -> "a thread failed: " + failure.get());
        assertFalse(handlerRanInsideSection.get(), "the handler ran while CPU 1 had interrupts off");
        assertEquals(Boolean.TRUE, sawSectionClosed.get(), "the handler saw the section still open");
    }

    @Test
    void shouldCarryTheCpuOfAHandlerInTheFlagsOfASaveInsideIt() {
        Cpus cpus = Cpus.of(3);
        cpus.bind(0);
        long[] flags = new long[1];
        cpus.deliverIrq(2, (cpu, arg) -> {
            flags[0] = cpus.localIrqSave();
            cpus.localIrqRestore(flags[0]);
            assertTrue(cpus.irqsDisabled(), "a handler's own save and restore leave its gate held");
        }, 0);
        assertEquals(2, Cpus.cpuOf(flags[0]));
        assertFalse(Cpus.irqsWereEnabled(flags[0]));
        assertFalse(cpus.irqsDisabled());
    }

    @Test
    void shouldKeepACpuThreadsContextApartOnEachMachine() throws InterruptedException {
        Cpus first = Cpus.of(4);
        Cpus second = Cpus.of(4);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Integer> seen = new ArrayList<>();
        Thread thread = new CpuThread(() -> {
            try {
                first.bind(3);
                second.bind(1);
                seen.add(first.current());
                seen.add(second.current());
                long flags = first.localIrqSave();
                seen.add(Cpus.cpuOf(flags));
                seen.add(first.irqsDisabled() ? 1 : 0);
                seen.add(second.irqsDisabled() ? 1 : 0);
                first.localIrqRestore(flags);
                seen.add(first.irqsDisabled() ? 1 : 0);
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "cpu-thread");
        thread.start();
        thread.join();
        assertNull(failure.get());
        assertEquals(List.of(3, 1, 3, 1, 0, 0), seen);
    }

    @Test
    void shouldExcludeACpuThreadAndAPlainThreadThatShareACpu() throws InterruptedException {
        Cpus cpus = Cpus.of(1);
        int[] counter = {0};
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Runnable work = () -> {
            try {
                for (int i = 0; i < 20_000; i++) {
                    long flags = cpus.localIrqSave();
                    counter[0]++;
                    cpus.localIrqRestore(flags);
                }
            } catch (Throwable t) {
                failure.set(t);
            }
        };
        Thread own = new CpuThread(work, "cpu-thread");
        Thread plain = new Thread(work, "plain");
        own.start();
        plain.start();
        own.join();
        plain.join();
        assertNull(failure.get());
        assertEquals(40_000, counter[0], "increments were lost: the gate let two threads in at once");
    }

    /** Two threads bound to one CPU, each incrementing a plain counter with that CPU's interrupts off. */
    @Test
    void shouldExcludeTwoThreadsThatShareACpu() throws InterruptedException {
        Cpus cpus = Cpus.of(1);
        int[] counter = {0};
        AtomicInteger started = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Runnable work = () -> {
            cpus.bind(0);
            started.incrementAndGet();
            for (int i = 0; i < 20_000; i++) {
                long flags = cpus.localIrqSave();
                counter[0]++;
                cpus.localIrqRestore(flags);
            }
        };
        Thread first = start("first", failure, work::run);
        Thread second = start("second", failure, work::run);
        first.join();
        second.join();
        assertNull(failure.get());
        assertEquals(2, started.get());
        assertEquals(40_000, counter[0], "increments were lost: the gate let two threads in at once");
    }
}
