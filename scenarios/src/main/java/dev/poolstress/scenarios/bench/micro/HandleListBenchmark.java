package dev.poolstress.scenarios.bench.micro;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Threads;

/**
 * What the free-list baselines built from a collection share: {@value #HANDLES} block handles, boxed once up front
 * so that moving them between threads and back boxes nothing, and one alloc+free {@link #pair()} measured with one
 * and with two threads. JMH runs the two methods under each concrete subclass's own name.
 */
public abstract class HandleListBenchmark {
    static final int HANDLES = 64;

    /** The handle of block {@code i}: 64-byte blocks from 4 GiB up, as a pool's dma handles would be. */
    static Long handle(int i) {
        return Long.valueOf((1L << 32) + 64L * i);
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

    /** Takes a handle off the free list and puts it back; returns it. */
    protected abstract Long pair();
}
