package dev.poolstress.scenarios.bench.micro;

import java.util.concurrent.TimeUnit;
import org.jctools.queues.MpmcArrayQueue;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

/**
 * A lock-free free list from a library: JCTools' bounded {@code MpmcArrayQueue} of 64 preallocated {@code Long}
 * handles, polled to allocate and offered back to free. FIFO rather than LIFO, so the block handed out is the
 * coldest one, not the one just freed.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class MpmcQueueBenchmark {
    private final MpmcArrayQueue<Long> free = new MpmcArrayQueue<>(64);

    public MpmcQueueBenchmark() {
        for (int i = 0; i < 64; i++) {
            free.offer(Long.valueOf((1L << 32) + 64L * i));
        }
    }

    @Benchmark
    @Threads(1)
    public Long oneThread() {
        return pair();
    }

    @Benchmark
    @Threads(2)
    public Long twoThreads() {
        return pair();
    }

    private Long pair() {
        Long block = free.poll();
        free.offer(block);
        return block;
    }
}
