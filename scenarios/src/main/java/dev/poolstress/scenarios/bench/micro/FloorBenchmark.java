package dev.poolstress.scenarios.bench.micro;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

/**
 * The floors: a pair on a bare {@code long[]} stack of 64 block handles, one per thread, with no lock and no pool
 * around it (no free list can do less); and the same pair with the synchronisation a strategy cannot avoid, one or
 * two uncontended compare-and-sets on a field per operation, each given back by a release store as a lock is. Two
 * CAS per pair is the floor of a gate-only strategy ({@code percpu}) or a lock-free stack; four, of a gate and a
 * lock per operation ({@code spin-*}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class FloorBenchmark {
    private static final VarHandle FIRST;
    private static final VarHandle SECOND;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            FIRST = lookup.findVarHandle(FloorBenchmark.class, "first", int.class);
            SECOND = lookup.findVarHandle(FloorBenchmark.class, "second", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final long[] handles = new long[64];
    private int top;
    @SuppressWarnings("unused") // accessed through FIRST
    private volatile int first;
    @SuppressWarnings("unused") // accessed through SECOND
    private volatile int second;

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

    /** One CAS per operation: two per pair. */
    @Benchmark
    @Threads(1)
    public long twoCasPerPair() {
        FIRST.compareAndSet(this, 0, 1);
        long dma = handles[--top];
        FIRST.setRelease(this, 0);
        FIRST.compareAndSet(this, 0, 1);
        handles[top++] = dma;
        FIRST.setRelease(this, 0);
        return dma;
    }

    /** Two CAS per operation, on two fields, released in reverse order: four per pair. */
    @Benchmark
    @Threads(1)
    public long fourCasPerPair() {
        FIRST.compareAndSet(this, 0, 1);
        SECOND.compareAndSet(this, 0, 1);
        long dma = handles[--top];
        SECOND.setRelease(this, 0);
        FIRST.setRelease(this, 0);
        FIRST.compareAndSet(this, 0, 1);
        SECOND.compareAndSet(this, 0, 1);
        handles[top++] = dma;
        SECOND.setRelease(this, 0);
        FIRST.setRelease(this, 0);
        return dma;
    }
}
