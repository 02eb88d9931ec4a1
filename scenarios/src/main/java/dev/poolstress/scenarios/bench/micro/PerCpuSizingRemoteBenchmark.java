package dev.poolstress.scenarios.bench.micro;

import dev.poolstress.engine.cpu.Cpus;
import dev.poolstress.engine.cpu.IrqHandler;
import dev.poolstress.engine.pool.DmaPool;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Control;

/**
 * Sizing {@code percpu}, remote topology: CPU 0 allocates and submits, and the completion frees each block in irq
 * context on CPU 1, so every block crosses CPUs through the depot.
 * <pre>
 *   CPU 0 (process): alloc ──> [ ring of 64 in-flight blocks ] ──> deliverIrq(CPU 1): free
 *     ^ reloads a full magazine                     CPU 1 unloads a full magazine for an empty one v
 *     └──────────────────────────── depot, under the global lock <────────────────────────────┘
 * </pre>
 * CPU 0's magazines only ever empty and CPU 1's only ever fill, so every {@code capacity} pairs cost one unload and
 * one reload, and the two contend for the global lock; when the depot has no full magazine, CPU 0 refills from the
 * free list instead, {@code batch} blocks a trip. The ring is a single-producer, single-consumer array of dma
 * handles; each side waits (spins, then yields) only while it is full or empty, so in steady state both methods run
 * at the rate of the pipeline and each one's ns per operation is the time per pair.
 */
@State(Scope.Group)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class PerCpuSizingRemoteBenchmark {
    private static final int SLOTS = 64;
    private static final int MASK = SLOTS - 1;
    private static final int SPINS_BEFORE_YIELD = 128;
    private static final int GROWN_BLOCKS = 1024;
    private static final VarHandle HEAD;
    private static final VarHandle TAIL;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            HEAD = lookup.findVarHandle(PerCpuSizingRemoteBenchmark.class, "head", long.class);
            TAIL = lookup.findVarHandle(PerCpuSizingRemoteBenchmark.class, "tail", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** CAPACITY/BATCH of each CPU's magazines, the same grid as the local topology. */
    @Param({"8/4", "16/8", "32/16", "64/32", "128/64", "256/128", "64/16", "64/64"})
    public String magazine;

    private final long[] ring = new long[SLOTS];
    /** Next slot to take; written only by the freeing side. */
    private long head;
    /** Next slot to fill; written only by the allocating side. */
    private long tail;

    private Cpus cpus;
    private DmaPool pool;
    private IrqHandler completion;

    @Setup(Level.Trial)
    public void createPool() {
        cpus = Cpus.of(2);
        pool = MagazineSize.parse(magazine).grownPool(cpus, GROWN_BLOCKS);
        completion = (cpu, dma) -> pool.free(dma);
    }

    /** Completes what is still in flight, then destroys the pool, which fails if any block was lost. */
    @TearDown(Level.Trial)
    public void destroyPool() {
        for (long slot = head; slot < tail; slot++) {
            cpus.deliverIrq(1, completion, ring[(int) slot & MASK]);
        }
        head = tail;
        pool.destroy();
    }

    /** The submitting thread runs in process context on CPU 0. */
    @State(Scope.Thread)
    public static class OnCpu0 {
        @Setup(Level.Trial)
        public void bind(PerCpuSizingRemoteBenchmark benchmark) {
            benchmark.cpus.bind(0);
        }
    }

    /** The completing thread belongs to CPU 1, whose interrupts it delivers. */
    @State(Scope.Thread)
    public static class OnCpu1 {
        @Setup(Level.Trial)
        public void bind(PerCpuSizingRemoteBenchmark benchmark) {
            benchmark.cpus.bind(1);
        }
    }

    @Benchmark
    @Group("remote")
    @GroupThreads(1)
    public long alloc(OnCpu0 cpu, Control control) {
        long slot = tail;
        int spins = 0;
        while (slot - (long) HEAD.getAcquire(this) == SLOTS) {
            if (control.stopMeasurement) {
                return DmaPool.NULL;
            }
            spins = backOff(spins);
        }
        long dma = pool.alloc();
        ring[(int) slot & MASK] = dma;
        // release: the handle is in its slot before the freeing side can see the slot filled
        TAIL.setRelease(this, slot + 1);
        return dma;
    }

    @Benchmark
    @Group("remote")
    @GroupThreads(1)
    public long free(OnCpu1 cpu, Control control) {
        long slot = head;
        int spins = 0;
        while (slot == (long) TAIL.getAcquire(this)) {
            if (control.stopMeasurement) {
                return DmaPool.NULL;
            }
            spins = backOff(spins);
        }
        long dma = ring[(int) slot & MASK];
        // release: the handle is read before the allocating side may overwrite its slot
        HEAD.setRelease(this, slot + 1);
        cpus.deliverIrq(1, completion, dma);
        return dma;
    }

    /** On two cores shared with other work the other side may be descheduled: spin briefly, then yield. */
    private static int backOff(int spins) {
        if (spins < SPINS_BEFORE_YIELD) {
            Thread.onSpinWait();
        } else {
            Thread.yield();
        }
        return spins + 1;
    }
}
