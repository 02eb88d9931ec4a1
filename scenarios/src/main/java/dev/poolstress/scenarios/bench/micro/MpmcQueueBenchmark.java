package dev.poolstress.scenarios.bench.micro;

import java.util.concurrent.TimeUnit;
import org.jctools.queues.MpmcArrayQueue;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * A lock-free free list from a library: JCTools' bounded {@code MpmcArrayQueue} of 64 preallocated {@code Long}
 * handles, polled to allocate and offered back to free. FIFO rather than LIFO, so the block handed out is the
 * coldest one, not the one just freed.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class MpmcQueueBenchmark extends HandleListBenchmark {
    private final MpmcArrayQueue<Long> free = new MpmcArrayQueue<>(HANDLES);

    public MpmcQueueBenchmark() {
        for (int i = 0; i < HANDLES; i++) {
            free.offer(handle(i));
        }
    }

    @Override
    protected Long pair() {
        Long block = free.poll();
        free.offer(block);
        return block;
    }
}
