package dev.poolstress.scenarios.bench.micro;

import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * The textbook free list: an {@code ArrayDeque} of handles behind one {@code ReentrantLock}, taken once to pop and
 * once to push, as a pool's alloc and free each take its lock. The 64 handles are {@code Long}s made up front and
 * pushed back as the same objects, so the pair itself boxes nothing.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class LockedDequeBenchmark extends HandleListBenchmark {
    private final ArrayDeque<Long> free = new ArrayDeque<>(HANDLES);
    private final ReentrantLock lock = new ReentrantLock();

    public LockedDequeBenchmark() {
        for (int i = 0; i < HANDLES; i++) {
            free.push(handle(i));
        }
    }

    @Override
    protected Long pair() {
        Long block;
        lock.lock();
        try {
            block = free.pop();
        } finally {
            lock.unlock();
        }
        lock.lock();
        try {
            free.push(block);
        } finally {
            lock.unlock();
        }
        return block;
    }
}
