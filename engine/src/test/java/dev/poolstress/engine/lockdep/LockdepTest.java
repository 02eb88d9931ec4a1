package dev.poolstress.engine.lockdep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.poolstress.engine.CoherentPage;
import dev.poolstress.engine.FreeBlocks;
import dev.poolstress.engine.LockStrategy;
import dev.poolstress.engine.cpu.Cpus;
import dev.poolstress.engine.cpu.IrqHandler;
import dev.poolstress.engine.lock.IrqSaveLock;
import dev.poolstress.engine.lock.TicketSpinLock;
import dev.poolstress.engine.pool.Device;
import dev.poolstress.engine.pool.DmaPool;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The validator on purpose-built wrong code, one test per rule, and on every built-in strategy, where it must find
 * nothing. Every lock here has a name of its own and reports are looked up by that name, so tests never see each
 * other's findings.
 */
class LockdepTest {
    private static final AtomicInteger NAMES = new AtomicInteger();

    /** A plain lock that tells the validator about itself but never turns interrupts off. */
    static final class IrqUnsafeLock {
        final LockRecord lockRecord;
        final Cpus cpus;
        final ReentrantLock lock = new ReentrantLock();

        IrqUnsafeLock(String name, Cpus cpus) {
            this.lockRecord = new LockRecord(name);
            this.cpus = cpus;
        }

        void lock() {
            Lockdep.acquire(lockRecord, cpus);
            lock.lock();
        }

        void unlock() {
            lock.unlock();
            Lockdep.release(lockRecord);
        }
    }

    /** The bug rule 1 is for: a pool guarded by a lock taken without {@code irqsave}. */
    public static final class IrqUnsafeStrategy implements LockStrategy {
        private final FreeBlocks blocks;
        private final IrqUnsafeLock lock;

        public IrqUnsafeStrategy(FreeBlocks blocks) {
            this.blocks = blocks;
            this.lock = new IrqUnsafeLock(blocks.poolName() + ".irq-unsafe", blocks.cpus());
        }

        @Override
        public long alloc() {
            lock.lock();
            try {
                return blocks.pop();
            } finally {
                lock.unlock();
            }
        }

        @Override
        public long grow(CoherentPage page) {
            lock.lock();
            try {
                blocks.addPage(page);
                return blocks.pop();
            } finally {
                lock.unlock();
            }
        }

        @Override
        public void free(long dma) {
            lock.lock();
            try {
                blocks.push(dma);
            } finally {
                lock.unlock();
            }
        }
    }

    @BeforeAll
    static void validatorIsOn() {
        assertTrue(Lockdep.ENABLED, "the build runs tests with -Dpoolstress.lockdep=true");
    }

    private static String unique(String what) {
        return what + "-" + NAMES.incrementAndGet();
    }

    private static Device device(Cpus cpus) {
        cpus.bind(0);
        return Device.create(unique("lockdep-dev"), cpus);
    }

    private static void assertMentions(String message, String... parts) {
        for (String part : parts) {
            assertTrue(message.contains(part), () -> "report must mention '" + part + "': " + message);
        }
    }

    @Test
    void shouldReportALockTakenInIrqContextAndWithIrqsEnabled() {
        Cpus cpus = Cpus.of(2);
        String poolName = unique("irq-unsafe");
        DmaPool pool = DmaPool.builder(poolName, device(cpus)).size(64).lock(IrqUnsafeStrategy::new).build();
        IrqHandler free = (cpu, dma) -> pool.free(dma);

        long dma = pool.alloc(); // CPU 0, process context, interrupts on
        cpus.deliverIrq(1, free, dma); // CPU 1, irq context

        List<LockdepReport> reports = Lockdep.reportsAbout(poolName + ".irq-unsafe");
        assertEquals(1, reports.size(), reports::toString);
        LockdepReport report = reports.get(0);
        assertEquals(LockdepReport.Kind.INCONSISTENT_LOCK_STATE, report.kind());
        assertMentions(report.message(), "inconsistent lock state", poolName + ".irq-unsafe",
                "CPU 1 irq context", "IrqUnsafeStrategy.free",
                "CPU 0 process context, irqs enabled", "IrqUnsafeStrategy.alloc");

        // once is enough
        cpus.deliverIrq(1, free, pool.alloc());
        assertEquals(1, Lockdep.reportsAbout(poolName + ".irq-unsafe").size());
    }

    @Test
    void shouldHandOverOnePoolsReportsAndKeepTheOthers() {
        Cpus cpus = Cpus.of(2);
        String mine = unique("taken");
        String other = unique("kept");
        for (String poolName : List.of(mine, other)) {
            DmaPool pool = DmaPool.builder(poolName, device(cpus)).size(64).lock(IrqUnsafeStrategy::new).build();
            cpus.deliverIrq(1, (cpu, dma) -> pool.free(dma), pool.alloc());
        }

        List<LockdepReport> taken = Lockdep.takeReportsOfPool(mine);

        assertEquals(List.of(mine + ".irq-unsafe"), taken.stream().map(LockdepReport::lock).toList());
        assertEquals(List.of(), Lockdep.reportsAbout(mine + ".irq-unsafe"), "taken reports are gone");
        assertEquals(1, Lockdep.reportsAbout(other + ".irq-unsafe").size(), "another pool's report stays");
    }

    @Test
    void shouldReportTheInconsistencyWhicheverUsageComesFirst() {
        Cpus cpus = Cpus.of(2);
        String poolName = unique("irq-first");
        DmaPool pool = DmaPool.builder(poolName, device(cpus)).size(64).lock(IrqUnsafeStrategy::new).build();
        long[] allocated = new long[1];
        cpus.deliverIrq(1, (cpu, arg) -> allocated[0] = pool.alloc(), 0);
        assertEquals(List.of(), Lockdep.reportsAbout(poolName + ".irq-unsafe"), "irq context alone is fine");

        pool.free(allocated[0]);

        List<LockdepReport> reports = Lockdep.reportsAbout(poolName + ".irq-unsafe");
        assertEquals(1, reports.size(), reports::toString);
        assertMentions(reports.get(0).message(), "CPU 1 irq context", "IrqUnsafeStrategy.alloc",
                "CPU 0 process context, irqs enabled", "IrqUnsafeStrategy.free");
    }

    @Test
    void shouldAcceptALockTakenInIrqContextAndOnlyWithIrqsOffElsewhere() {
        Cpus cpus = Cpus.of(2);
        cpus.bind(0);
        String name = unique("irqsafe-by-hand");
        IrqUnsafeLock lock = new IrqUnsafeLock(name, cpus);
        long flags = cpus.localIrqSave();
        lock.lock();
        lock.unlock();
        cpus.localIrqRestore(flags);
        cpus.deliverIrq(1, (cpu, arg) -> {
            lock.lock();
            lock.unlock();
        }, 0);
        assertEquals(List.of(), Lockdep.reportsAbout(name));
    }

    @Test
    void shouldThrowAndReportWhenAHolderTakesItsLockAgain() {
        Cpus cpus = Cpus.of(2);
        cpus.bind(1);
        String name = unique("recursive");
        IrqUnsafeLock lock = new IrqUnsafeLock(name, cpus);
        lock.lock();
        try {
            LockdepException e = assertThrows(LockdepException.class, lock::lock);
            assertMentions(e.getMessage(), "possible recursive locking", name,
                    "taken on CPU 1 process context, irqs enabled", "shouldThrowAndReportWhenAHolderTakesItsLockAgain",
                    "already held since CPU 1 process context, irqs enabled", Thread.currentThread().getName());
            assertEquals(1, lock.lock.getHoldCount(), "the second acquisition must not have happened");
        } finally {
            lock.unlock();
        }
        List<LockdepReport> reports = Lockdep.reportsAbout(name);
        assertEquals(1, reports.size());
        assertEquals(LockdepReport.Kind.RECURSIVE_LOCKING, reports.get(0).kind());

        lock.lock(); // released properly, so taking it again is fine
        lock.unlock();
        assertEquals(1, Lockdep.reportsAbout(name).size());
    }

    @Test
    void shouldThrowInsteadOfDeadlockingWhenABuiltInSpinlockIsTakenAgain() {
        Cpus cpus = Cpus.of(2);
        IrqSaveLock[] made = new IrqSaveLock[1];
        String poolName = unique("spin-twice");
        DmaPool.builder(poolName, device(cpus)).size(64)
                .lock(blocks -> made[0] = new TicketSpinLock(blocks)).build();
        IrqSaveLock lock = made[0];

        long flags = lock.lockIrqSave();
        LockdepException e = assertThrows(LockdepException.class, lock::lockIrqSave);
        assertTrue(cpus.irqsDisabled(), "the outer section still has interrupts off");
        lock.unlockIrqRestore(flags);
        assertFalse(cpus.irqsDisabled());

        assertMentions(e.getMessage(), lock.lockName(), "CPU 0 process context, irqs disabled");
        assertEquals(LockdepReport.Kind.RECURSIVE_LOCKING, Lockdep.reportsAbout(lock.lockName()).get(0).kind());
    }

    private static void lockFirstThenSecond(IrqUnsafeLock first, IrqUnsafeLock second) {
        first.lock();
        second.lock();
        second.unlock();
        first.unlock();
    }

    private static void lockSecondThenFirst(IrqUnsafeLock first, IrqUnsafeLock second) {
        second.lock();
        first.lock();
        first.unlock();
        second.unlock();
    }

    @Test
    void shouldReportTwoLocksTakenInBothOrders() throws InterruptedException {
        Cpus cpus = Cpus.of(2);
        cpus.bind(0);
        IrqUnsafeLock first = new IrqUnsafeLock(unique("first"), cpus);
        IrqUnsafeLock second = new IrqUnsafeLock(unique("second"), cpus);
        lockFirstThenSecond(first, second);
        lockFirstThenSecond(first, second);
        assertEquals(List.of(), Lockdep.reportsAbout(first.lockRecord.name()));
        assertEquals(List.of(), Lockdep.reportsAbout(second.lockRecord.name()));

        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread other = new Thread(() -> {
            try {
                cpus.bind(1);
                lockSecondThenFirst(first, second);
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "reversed");
        other.start();
        other.join();
        assertEquals(null, failure.get());

        List<LockdepReport> reports = Lockdep.reportsAbout(first.lockRecord.name());
        assertEquals(1, reports.size(), reports::toString);
        LockdepReport report = reports.get(0);
        assertEquals(LockdepReport.Kind.CIRCULAR_DEPENDENCY, report.kind());
        assertMentions(report.message(), "possible circular locking dependency",
                first.lockRecord.name() + " taken while holding " + second.lockRecord.name(),
                "CPU 1 process context, irqs enabled [reversed]", "lockSecondThenFirst",
                second.lockRecord.name() + " was taken while holding " + first.lockRecord.name(),
                "CPU 0 process context, irqs enabled", "lockFirstThenSecond");
    }

    @Test
    void shouldForgetReportsOnClear() {
        Cpus cpus = Cpus.of(1);
        cpus.bind(0);
        IrqUnsafeLock lock = new IrqUnsafeLock(unique("cleared"), cpus);
        lock.lock();
        assertThrows(LockdepException.class, lock::lock);
        lock.unlock();
        assertEquals(1, Lockdep.reportsAbout(lock.lockRecord.name()).size());
        Lockdep.clear();
        assertEquals(List.of(), Lockdep.reportsAbout(lock.lockRecord.name()));
    }

    /**
     * Every built-in strategy takes its locks the kernel's way: blocks allocated in process context and in irq
     * context, freed in both, on the allocating CPU and on the other one, enough of them to make {@code percpu}
     * exchange magazines with its depot and refill from the free list.
     */
    @ParameterizedTest
    @MethodSource("dev.poolstress.engine.pool.PoolVariants#locks")
    void shouldFindNothingWrongWithABuiltInStrategy(String id) {
        Cpus cpus = Cpus.of(2);
        String poolName = unique("builtin-" + id);
        DmaPool pool = DmaPool.builder(poolName, device(cpus)).size(64).lock(id).build();
        IrqHandler free = (cpu, dma) -> pool.free(dma);
        List<Long> blocks = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            blocks.add(pool.alloc());
        }
        long[] fromIrq = new long[100];
        cpus.deliverIrq(1, (cpu, arg) -> {
            for (int i = 0; i < fromIrq.length; i++) {
                fromIrq[i] = pool.alloc();
            }
        }, 0);
        for (int i = 0; i < blocks.size(); i++) {
            cpus.deliverIrq(i % 2, free, blocks.get(i));
        }
        for (long dma : fromIrq) {
            pool.free(dma);
        }
        assertEquals(0, pool.stats().nrActive());
        List<LockdepReport> reports = Lockdep.reports().stream()
                .filter(r -> r.lock().startsWith(poolName + ".")).collect(Collectors.toList());
        assertEquals(List.of(), reports);
    }

    @Test
    void shouldNameBuiltInLocksAfterTheirPool() {
        IrqSaveLock[] made = new IrqSaveLock[1];
        String poolName = unique("named");
        DmaPool.builder(poolName, device(Cpus.of(1))).size(64)
                .lock(blocks -> made[0] = new TicketSpinLock(blocks)).build();
        assertEquals(poolName + ".lock(spin-ticket)", made[0].lockName());
    }
}
