package dev.poolstress.scenarios.storm;

import dev.poolstress.engine.FreeBlocks;
import dev.poolstress.engine.LockStrategy;
import dev.poolstress.engine.cpu.CpuThread;
import dev.poolstress.engine.pool.DmaPool;
import java.util.function.Function;
import org.HdrHistogram.Histogram;

/**
 * A rounds storm, the seed's micro-benchmark ({@code mm/dmapool_test.c}): no ring and no interrupts; each thread,
 * bound to its CPU, allocates every block of a pool, then frees them all, pool after pool, round after round.
 *
 * <pre>
 *   CPU 0: Rounds 0 --alloc x N--> [ pool 16 ] --free x N--> [ pool 64 ] ... [ pool 68/32/4096 ] --> next round
 *   CPU 1: Rounds 1 --alloc x N--> (same pools, at the same time, when threads &gt; 1)
 * </pre>
 *
 * Each round is the kernel's {@link DmapoolTestRound}, as {@code bench dmapool-test} runs it; here each free first
 * checks the block's ownership tag, and the run ends with the same {@link LossAudit} as a ring storm.
 */
final class RoundsStorm extends AbstractStorm {
    private final RoundsStormPlan plan;

    private Worker[] workers;
    private Thread[] threads;

    RoundsStorm(RoundsStormPlan plan, String strategyId, Function<FreeBlocks, LockStrategy> strategy,
                StormLimit limit, Instrumentation probes) {
        super(plan, strategyId, strategy, limit, probes);
        this.plan = plan;
    }

    /**
     * One thread's rounds: the kernel test's {@link DmapoolTestRound}, with hooks that time each call when the storm
     * is probed, tag each block it takes and check the tag before freeing it, and go on past a NULL allocation.
     */
    private final class Worker extends BoundWorker implements DmapoolTestRound.Hooks {
        final int index;
        final DmapoolTestRound round;
        final Histogram allocLatency = Latency.newHistogram();
        final Histogram freeLatency = Latency.newHistogram();
        long attempts;
        long failures;
        long freed;
        long mismatched;
        long sequence;
        long lastFree;
        /** The index of the pool the current round is on, for the ledger. */
        private int poolIndex;

        Worker(int index) {
            super(index % plan.cpus(), machine.cpus, RoundsStorm.this.stop);
            this.index = index;
            int most = 0;
            for (int b : plan.blocks()) {
                most = Math.max(most, b);
            }
            this.round = new DmapoolTestRound(most, this);
        }

        @Override
        void work() {
            long rounds = limit.timed() ? Long.MAX_VALUE : limit.operations();
            for (long r = 0; r < rounds && !stop.stopped(); r++) {
                for (int p = 0; p < machine.pools.length; p++) {
                    poolIndex = p;
                    int n = round.run(machine.pools[p], plan.blocks().get(p));
                    if (!timed) {
                        lastFree = System.nanoTime();
                    }
                    sequence += n;
                }
            }
        }

        @Override
        public long alloc(DmaPool pool) {
            long dma = timed ? Latency.timedAlloc(pool, allocLatency) : pool.alloc();
            attempts++;
            return dma;
        }

        @Override
        public boolean skipNull() {
            failures++;
            return true;
        }

        @Override
        public void taken(DmaPool pool, long dma, int n) {
            pool.putLong(dma, OwnershipTag.OFFSET, OwnershipTag.of(index, sequence + n));
        }

        @Override
        public void free(DmaPool pool, long dma, int n) {
            long tag = OwnershipTag.of(index, sequence + n);
            long found = pool.getLong(dma, OwnershipTag.OFFSET);
            if (found != tag) {
                mismatched++;
                ledger.note(poolIndex, dma, tag, found);
                return;
            }
            if (timed) {
                lastFree = Latency.timedFree(pool, dma, freeLatency);
            } else {
                pool.free(dma);
            }
            freed++;
        }
    }

    @Override
    void launch() {
        workers = new Worker[plan.threads()];
        threads = new Thread[plan.threads()];
        for (int i = 0; i < workers.length; i++) {
            workers[i] = new Worker(i);
            threads[i] = new CpuThread(workers[i], "storm-rounds-" + i + "-cpu" + workers[i].cpu);
            threads[i].setDaemon(true);
            threads[i].start();
        }
    }

    @Override
    public boolean quiescent() {
        for (Worker worker : workers) {
            if (!worker.done) {
                return false;
            }
        }
        return true;
    }

    @Override
    void collect(Tally tally) {
        stop.stop();
        joinAll(threads, 10);
        long attempts = 0;
        long mismatched = 0;
        for (Worker w : workers) {
            if (!w.done) {
                tally.audit.error("rounds thread " + w.index, new IllegalStateException("still running after 10 s"));
            }
            attempts += w.attempts;
            tally.failures += w.failures;
            tally.freed += w.freed;
            mismatched += w.mismatched;
            tally.bytes += w.allocatedBytes;
            tally.last = Math.max(tally.last, w.lastFree);
            tally.alloc.add(w.allocLatency);
            tally.free.add(w.freeLatency);
            if (w.error != null) {
                tally.error("rounds thread " + w.index, "rounds thread " + w.index + " on CPU " + w.cpu, w.error);
            }
        }
        tally.audit.reconcile("allocation attempts = blocks freed + tag mismatches + NULL allocations", attempts,
                tally.freed + mismatched + tally.failures);
        workers = null;
        threads = null;
    }
}
