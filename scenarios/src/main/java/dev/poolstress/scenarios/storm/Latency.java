package dev.poolstress.scenarios.storm;

import dev.poolstress.engine.DmaPool;
import org.HdrHistogram.Histogram;

/**
 * Latency percentiles in nanoseconds, read from an HdrHistogram once a storm is over; {@code mean} times
 * {@code count} is the time spent inside the timed call.
 */
public record Latency(long count, long p50, long p99, long p999, long max, double mean) {
    public static final Latency NONE = new Latency(0, 0, 0, 0, 0, 0);

    public static Latency of(Histogram histogram) {
        if (histogram.getTotalCount() == 0) {
            return NONE;
        }
        return new Latency(histogram.getTotalCount(), histogram.getValueAtPercentile(50),
                histogram.getValueAtPercentile(99), histogram.getValueAtPercentile(99.9), histogram.getMaxValue(),
                histogram.getMean());
    }

    /** A histogram for one recording thread: 1 ns to 60 s at three significant digits, never resized. */
    static Histogram newHistogram() {
        return new Histogram(1, 60_000_000_000L, 3);
    }

    /** {@code pool.alloc()}, its time recorded in {@code histogram}. */
    static long timedAlloc(DmaPool pool, Histogram histogram) {
        long start = System.nanoTime();
        long dma = pool.alloc();
        record(histogram, System.nanoTime() - start);
        return dma;
    }

    /** {@code pool.free(dma)}, its time recorded in {@code histogram}; returns the clock when the free returned. */
    static long timedFree(DmaPool pool, long dma, Histogram histogram) {
        long start = System.nanoTime();
        pool.free(dma);
        long end = System.nanoTime();
        record(histogram, end - start);
        return end;
    }

    /** Records without allocating: a value out of range is clamped, so a stall shows as the maximum. */
    static void record(Histogram histogram, long nanos) {
        histogram.recordValue(Math.max(1, Math.min(nanos, 60_000_000_000L)));
    }
}
