package dev.poolstress.scenarios.bench.micro;

import java.util.concurrent.TimeUnit;
import org.apache.commons.pool2.BasePooledObjectFactory;
import org.apache.commons.pool2.PooledObject;
import org.apache.commons.pool2.impl.DefaultPooledObject;
import org.apache.commons.pool2.impl.GenericObjectPool;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * Apache commons-pool2's {@code GenericObjectPool}, the general-purpose object pool: {@code borrowObject} then
 * {@code returnObject} of one of 64 blocks created up front. Its bookkeeping (idle deque, per-object state and
 * timestamps) is what a pair costs here; JMX registration is off.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CommonsPoolBenchmark {
    /** A block's handle, as the pooled object. */
    public static final class Block {
        final long dma;

        Block(long dma) {
            this.dma = dma;
        }
    }

    private static final class BlockFactory extends BasePooledObjectFactory<Block> {
        private long next = 1L << 32;

        @Override
        public Block create() {
            Block block = new Block(next);
            next += 64;
            return block;
        }

        @Override
        public PooledObject<Block> wrap(Block block) {
            return new DefaultPooledObject<>(block);
        }
    }

    private GenericObjectPool<Block> pool;

    @Setup(Level.Trial)
    public void createPool() throws Exception {
        GenericObjectPoolConfig<Block> config = new GenericObjectPoolConfig<>();
        config.setMaxTotal(64);
        config.setMaxIdle(64);
        config.setJmxEnabled(false);
        pool = new GenericObjectPool<>(new BlockFactory(), config);
        pool.addObjects(64);
    }

    @TearDown(Level.Trial)
    public void closePool() {
        pool.close();
    }

    @Benchmark
    @Threads(1)
    public Block oneThread() throws Exception {
        return pair();
    }

    @Benchmark
    @Threads(2)
    public Block twoThreads() throws Exception {
        return pair();
    }

    private Block pair() throws Exception {
        Block block = pool.borrowObject();
        pool.returnObject(block);
        return block;
    }
}
