package dev.poolstress.scenarios.bench.micro;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

/**
 * The floor: a pair on a bare {@code long[]} stack of 64 block handles, one per thread, with no lock and no pool
 * around it. No free list can do less; every other figure is read as a multiple of this one.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class FloorBenchmark {
    private final long[] handles = new long[64];
    private int top;

    public FloorBenchmark() {
        for (int i = 0; i < handles.length; i++) {
            handles[i] = (1L << 32) + 64L * i;
        }
        top = handles.length;
    }

    @Benchmark
    @Threads(1)
    public long oneThread() {
        long dma = handles[--top];
        handles[top++] = dma;
        return dma;
    }
}
