package dev.poolstress.scenarios.bench.micro;

import dev.poolstress.engine.cpu.Cpus;
import dev.poolstress.engine.pool.DmaPool;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.infra.ThreadParams;

/**
 * Sizing {@code percpu}, local topology: two threads, each bound to its own virtual CPU, free only blocks they
 * allocated, so every block returns to the magazines it came from.
 * <pre>
 *   CPU 0: alloc ... free ──┐              CPU 1: alloc ... free ──┐
 *     ^  2 magazines   <────┘                ^  2 magazines   <────┘
 *     └── whole magazines exchanged with the depot, under the global lock ──┘
 * </pre>
 * {@code onePair} holds one block at a time: after the first refill its magazines never empty or fill, so it is the
 * control that no size should change. {@code burstOf32} and {@code burstOf128} hold 32 or 128 blocks (a queue
 * depth) before freeing them, which sends a CPU whose two magazines cannot hold the burst to the global lock on every
 * burst: with B held and magazines of capacity C, once the first bursts have refilled from the free list (batch
 * blocks at a time), a CPU goes there never when B &lt;= 2C, else 2(B - 2C)/C times per burst (it reloads full
 * magazines from the depot while allocating, and unloads as many while freeing), whatever the batch. Scores are ns
 * per alloc+free pair per thread.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class PerCpuSizingLocalBenchmark {
    private static final int SHORT_BURST = 32;
    private static final int LONG_BURST = 128;
    /** Enough for both CPUs' full magazines of the largest size and their bursts: no measured pair grows the pool. */
    private static final int GROWN_BLOCKS = 1024;

    /** CAPACITY/BATCH of each CPU's magazines: capacities 8 to 256 at batch = capacity/2, and 64 at 1/4 and 1/1. */
    @Param({"8/4", "16/8", "32/16", "64/32", "128/64", "256/128", "64/16", "64/64"})
    public String magazine;

    private Cpus cpus;
    private DmaPool pool;

    @Setup(Level.Trial)
    public void createPool() {
        cpus = Cpus.of(2);
        pool = MagazineSize.parse(magazine).grownPool(cpus, GROWN_BLOCKS);
    }

    /** Destroying checks that every pair gave its block back: it fails on a busy pool. */
    @TearDown(Level.Trial)
    public void destroyPool() {
        pool.destroy();
    }

    /** A benchmark thread bound to its own virtual CPU, with room for the blocks of its bursts. */
    @State(Scope.Thread)
    public static class OnCpu {
        final long[] shortBurst = new long[SHORT_BURST];
        final long[] longBurst = new long[LONG_BURST];

        @Setup(Level.Trial)
        public void bind(PerCpuSizingLocalBenchmark benchmark, ThreadParams thread) {
            benchmark.cpus.bind(thread.getThreadIndex() % benchmark.cpus.count());
        }
    }

    @Benchmark
    @Threads(2)
    public long onePair(OnCpu cpu) {
        long dma = pool.alloc();
        pool.free(dma);
        return dma;
    }

    @Benchmark
    @Threads(2)
    @OperationsPerInvocation(SHORT_BURST)
    public long burstOf32(OnCpu cpu) {
        return burst(cpu.shortBurst);
    }

    @Benchmark
    @Threads(2)
    @OperationsPerInvocation(LONG_BURST)
    public long burstOf128(OnCpu cpu) {
        return burst(cpu.longBurst);
    }

    /** Allocates a block for every slot of {@code held}, then frees them in the order they were allocated. */
    private long burst(long[] held) {
        for (int i = 0; i < held.length; i++) {
            held[i] = pool.alloc();
        }
        for (long dma : held) {
            pool.free(dma);
        }
        return held[held.length - 1];
    }
}
