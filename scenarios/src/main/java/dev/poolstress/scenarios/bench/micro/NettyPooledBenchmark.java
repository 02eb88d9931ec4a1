package dev.poolstress.scenarios.bench.micro;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

/**
 * Netty's {@code PooledByteBufAllocator} (jemalloc-style arenas with per-thread caches) handing out 64-byte direct
 * buffers: {@code buffer(64)} then {@code release()}. The per-thread cache is on for every thread, as Netty's own
 * event-loop threads always have it (Netty 4.2 leaves it off for other threads by default), and leak detection is
 * off, as a tuned deployment runs it, so the figure is the allocator's fast path and not the detector's sampling.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class NettyPooledBenchmark {
    private PooledByteBufAllocator allocator;

    @Setup(Level.Trial)
    public void createAllocator() {
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
        allocator = new PooledByteBufAllocator(true, PooledByteBufAllocator.defaultNumHeapArena(),
                PooledByteBufAllocator.defaultNumDirectArena(), PooledByteBufAllocator.defaultPageSize(),
                PooledByteBufAllocator.defaultMaxOrder(), PooledByteBufAllocator.defaultSmallCacheSize(),
                PooledByteBufAllocator.defaultNormalCacheSize(), true);
    }

    @Benchmark
    @Threads(1)
    public ByteBuf oneThread() {
        return pair();
    }

    @Benchmark
    @Threads(2)
    public ByteBuf twoThreads() {
        return pair();
    }

    private ByteBuf pair() {
        ByteBuf buffer = allocator.buffer(64);
        buffer.release();
        return buffer;
    }
}
