package dev.poolstress.scenarios.storm;

import com.lmax.disruptor.RingBuffer;
import dev.poolstress.engine.cpu.Cpus;
import dev.poolstress.engine.pool.DmaPool;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * A process-context submitter bound to one virtual CPU, like an fio job: allocates a batch of blocks, tags each with
 * its ownership tag, publishes the batch as commands, and waits while its in-flight count would exceed the depth
 * ({@code iodepth}, {@code iodepth_batch}). A NULL allocation counts as a failure and the submitter goes on.
 *
 * <p>The loop allocates nothing: the batch arrays and the histogram are made up front.
 */
final class Submitter extends BoundWorker {
    final int index;
    /** Commands published and not yet completed; completions decrement it. */
    final AtomicLong inFlight = new AtomicLong();
    final Histogram allocLatency = Latency.newHistogram();

    private final DmaPool[] pools;
    private final RingBuffer<Command> ring;
    private final int depth;
    private final int batch;
    private final boolean randomPool;
    private final long operations;
    private final boolean timed;
    private final long[] batchDma;
    private final int[] batchPool;
    private final long[] batchTag;

    long attempts;
    long allocated;
    long failures;
    long published;
    private long sequence;
    private final XorShift random;
    private int nextPool;

    Submitter(int index, int cpu, Cpus cpus, DmaPool[] pools, RingBuffer<Command> ring, int depth, int batch,
              boolean randomPool, long operations, StopSignal stop, boolean timed) {
        super(cpu, cpus, stop);
        this.timed = timed;
        this.index = index;
        this.pools = pools;
        this.ring = ring;
        this.depth = depth;
        this.batch = batch;
        this.randomPool = randomPool;
        this.operations = operations;
        this.batchDma = new long[batch];
        this.batchPool = new int[batch];
        this.batchTag = new long[batch];
        this.random = new XorShift(0x9E3779B97F4A7C15L * (index + 1));
        this.nextPool = index % pools.length;
    }

    @Override
    void work() {
        while (!stop.stopped() && (operations == 0 || attempts < operations)) {
            int n = operations == 0 ? batch : (int) Math.min(batch, operations - attempts);
            int spins = 0;
            while (inFlight.get() + n > depth) {
                if (stop.stopped()) {
                    return;
                }
                spins = idle(spins);
            }
            int k = 0;
            for (int i = 0; i < n; i++) {
                int p = choosePool();
                DmaPool pool = pools[p];
                long dma = timed ? Latency.timedAlloc(pool, allocLatency) : pool.alloc();
                attempts++;
                if (dma == DmaPool.NULL) {
                    failures++;
                    continue;
                }
                long tag = OwnershipTag.of(index, sequence++);
                pool.putLong(dma, OwnershipTag.OFFSET, tag);
                batchDma[k] = dma;
                batchPool[k] = p;
                batchTag[k] = tag;
                k++;
            }
            allocated += k;
            if (k == 0) {
                continue;
            }
            // counted before publishing: a completion may run before publish() returns
            inFlight.addAndGet(k);
            long hi = ring.next(k);
            long lo = hi - k + 1;
            for (int j = 0; j < k; j++) {
                Command command = ring.get(lo + j);
                command.dma = batchDma[j];
                command.pool = batchPool[j];
                command.tag = batchTag[j];
                command.submitter = index;
            }
            ring.publish(lo, hi);
            published += k;
        }
    }

    private int choosePool() {
        if (pools.length == 1) {
            return 0;
        }
        if (randomPool) {
            return random.nextInt(pools.length);
        }
        int p = nextPool;
        nextPool = p + 1 == pools.length ? 0 : p + 1;
        return p;
    }

    /** Spins a little, then yields: on a small machine the device queue may need this core. */
    static int idle(int spins) {
        if (spins < 100) {
            Thread.onSpinWait();
        } else {
            Thread.yield();
        }
        return spins + 1;
    }
}
