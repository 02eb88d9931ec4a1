package dev.poolstress.scenarios.storm;

import dev.poolstress.engine.pool.DmaPool;
import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.zip.Deflater;
import org.HdrHistogram.Histogram;

/**
 * Latency percentiles in nanoseconds, read from an HdrHistogram once a storm is over; {@code mean} times
 * {@code count} is the time spent inside the timed call.
 *
 * @param histogram the whole histogram in HdrHistogram's compressed encoding (a few hundred bytes to a few kB), so
 *                  the runs of a strategy can be merged into one percentile distribution for the report; empty when
 *                  nothing was timed
 */
public record Latency(long count, long p50, long p99, long p999, long max, double mean, byte[] histogram) {
    public static final Latency NONE = new Latency(0, 0, 0, 0, 0, 0);

    /** Percentiles without the histogram behind them. */
    public Latency(long count, long p50, long p99, long p999, long max, double mean) {
        this(count, p50, p99, p999, max, mean, new byte[0]);
    }

    public static Latency of(Histogram histogram) {
        if (histogram.getTotalCount() == 0) {
            return NONE;
        }
        ByteBuffer encoded = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
        int length = histogram.encodeIntoCompressedByteBuffer(encoded, Deflater.BEST_COMPRESSION);
        byte[] bytes = new byte[length];
        encoded.get(0, bytes);
        return new Latency(histogram.getTotalCount(), histogram.getValueAtPercentile(50),
                histogram.getValueAtPercentile(99), histogram.getValueAtPercentile(99.9), histogram.getMaxValue(),
                histogram.getMean(), bytes);
    }

    /**
     * The histograms of {@code latencies} added into one: the distribution of every timed call of those runs.
     * Latencies without a histogram add nothing; the result is empty when none has one.
     */
    public static Histogram merged(Collection<Latency> latencies) {
        Histogram all = newHistogram();
        for (Latency latency : latencies) {
            if (latency.histogram.length > 0) {
                try {
                    all.add(Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(latency.histogram), 0));
                } catch (java.util.zip.DataFormatException e) {
                    throw new IllegalArgumentException("a latency histogram is not in HdrHistogram's encoding", e);
                }
            }
        }
        return all;
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
