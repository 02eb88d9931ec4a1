package dev.poolstress.scenarios.bench.micro;

import dev.poolstress.engine.cpu.Cpus;
import dev.poolstress.engine.pool.Device;
import dev.poolstress.engine.pool.DmaPool;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.infra.ThreadParams;

/**
 * One alloc+free pair of a 64-byte, 64-aligned block from a {@code stack} pool guarded by {@link #strategy}, with
 * one thread and with two threads sharing the pool, each bound to its own virtual CPU. The pool's pages are grown
 * in the setup, so a measured pair never takes the slow path. The ids come from the runner's options
 * ({@code bench micro} passes every built-in one).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class StrategyPairBenchmark {
    /** Blocks allocated once in the setup: four pages, far more than two threads ever hold. */
    private static final int GROWN_BLOCKS = 4 * Device.PAGE_SIZE / 64;

    @Param({})
    public String strategy;

    private Cpus cpus;
    private DmaPool pool;

    @Setup(Level.Trial)
    public void createPool() {
        cpus = Cpus.of(2);
        pool = PairPool.grown("micro", cpus, builder -> builder.lock(strategy), GROWN_BLOCKS);
    }

    /** Destroying checks that every pair gave its block back: it fails on a busy pool. */
    @TearDown(Level.Trial)
    public void destroyPool() {
        pool.destroy();
    }

    /** Each benchmark thread runs on its own virtual CPU, as per-CPU strategies expect. */
    @State(Scope.Thread)
    public static class OnCpu {
        @Setup(Level.Trial)
        public void bind(StrategyPairBenchmark benchmark, ThreadParams thread) {
            benchmark.cpus.bind(thread.getThreadIndex() % benchmark.cpus.count());
        }
    }

    @Benchmark
    @Threads(1)
    public long oneThread(OnCpu cpu) {
        return pair();
    }

    @Benchmark
    @Threads(2)
    public long twoThreads(OnCpu cpu) {
        return pair();
    }

    private long pair() {
        long dma = pool.alloc();
        pool.free(dma);
        return dma;
    }
}
