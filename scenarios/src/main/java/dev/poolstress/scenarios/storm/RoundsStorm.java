package dev.poolstress.scenarios.storm;

import dev.poolstress.engine.FreeBlocks;
import dev.poolstress.engine.LockStrategy;
import dev.poolstress.engine.cpu.CpuThread;
import dev.poolstress.engine.pool.DmaPool;
import java.util.concurrent.TimeUnit;
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
 * Each free first checks the block's ownership tag; the run ends with the same {@link LossAudit} as a ring storm.
 */
final class RoundsStorm implements Storm {
    private final RoundsStormPlan plan;
    private final String strategyId;
    private final Function<FreeBlocks, LockStrategy> strategy;
    private final StormLimit limit;
    private final boolean timed;
    private final StopSignal stop = new StopSignal();
    private final OwnershipLedger ledger = new OwnershipLedger();

    private StormMachine machine;
    private DmaPool[] pools;
    private Contention contention;
    private Worker[] workers;
    private Thread[] threads;
    private long heapBefore;
    private boolean started;

    RoundsStorm(RoundsStormPlan plan, String strategyId, Function<FreeBlocks, LockStrategy> strategy,
                StormLimit limit,
            Instrumentation probes) {
        this.timed = probes == Instrumentation.FULL;
        this.plan = plan;
        this.strategyId = strategyId;
        this.strategy = strategy;
        this.limit = limit;
    }

    /** One thread's rounds. */
    private final class Worker extends BoundWorker {
        final int index;
        final long[] blocks;
        final Histogram allocLatency = Latency.newHistogram();
        final Histogram freeLatency = Latency.newHistogram();
        long attempts;
        long failures;
        long freed;
        long mismatched;
        long sequence;
        long lastFree;

        Worker(int index) {
            super(index % plan.cpus(), machine.cpus, RoundsStorm.this.stop);
            this.index = index;
            int most = 0;
            for (int b : plan.blocks()) {
                most = Math.max(most, b);
            }
            this.blocks = new long[most];
        }

        @Override
        void work() {
            long rounds = limit.timed() ? Long.MAX_VALUE : limit.operations();
            for (long r = 0; r < rounds && !stop.stopped(); r++) {
                for (int p = 0; p < pools.length; p++) {
                    round(p, pools[p], plan.blocks().get(p));
                }
            }
        }

        private void round(int p, DmaPool pool, int count) {
            int n = 0;
            for (int i = 0; i < count; i++) {
                long dma = timed ? Latency.timedAlloc(pool, allocLatency) : pool.alloc();
                attempts++;
                if (dma == DmaPool.NULL) {
                    failures++;
                    continue;
                }
                pool.putLong(dma, OwnershipTag.OFFSET, OwnershipTag.of(index, sequence + n));
                blocks[n++] = dma;
            }
            for (int i = 0; i < n; i++) {
                long dma = blocks[i];
                long tag = OwnershipTag.of(index, sequence + i);
                long found = pool.getLong(dma, OwnershipTag.OFFSET);
                if (found != tag) {
                    mismatched++;
                    ledger.note(p, dma, tag, found);
                    continue;
                }
                if (timed) {
                    lastFree = Latency.timedFree(pool, dma, freeLatency);
                } else {
                    pool.free(dma);
                }
                freed++;
            }
            if (!timed) {
                lastFree = System.nanoTime();
            }
            sequence += n;
        }
    }

    @Override
    public void start() {
        if (started) {
            throw new IllegalStateException("a storm runs once");
        }
        started = true;
        heapBefore = ThreadAllocation.heapUsedAfterGc();
        machine = new StormMachine(plan.cpus(), plan.pools(), plan.algorithm(), plan.debug(), strategy, timed);
        contention = machine.contention;
        pools = machine.pools;
        workers = new Worker[plan.threads()];
        threads = new Thread[plan.threads()];
        for (int i = 0; i < workers.length; i++) {
            workers[i] = new Worker(i);
            threads[i] = new CpuThread(workers[i], "storm-rounds-" + i + "-cpu" + workers[i].cpu);
            threads[i].setDaemon(true);
            threads[i].start();
        }
        stop.open(limit.timed() ? limit.duration().toNanos() : 0);
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
    public StormResult finish() {
        stop.stop();
        for (Thread thread : threads) {
            try {
                thread.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        LossAudit audit = new LossAudit(machine.device);
        Histogram alloc = Latency.newHistogram();
        Histogram free = Latency.newHistogram();
        long attempts = 0;
        long failures = 0;
        long freed = 0;
        long mismatched = 0;
        long bytes = 0;
        long last = stop.startNanos();
        OutOfDeviceMemory exhausted = null;
        for (Worker w : workers) {
            if (!w.done) {
                audit.error("rounds thread " + w.index, new IllegalStateException("still running after 10 s"));
            }
            attempts += w.attempts;
            failures += w.failures;
            freed += w.freed;
            mismatched += w.mismatched;
            bytes += w.allocatedBytes;
            last = Math.max(last, w.lastFree);
            alloc.add(w.allocLatency);
            free.add(w.freeLatency);
            if (w.error != null) {
                audit.error("rounds thread " + w.index + " on CPU " + w.cpu, w.error);
                exhausted = exhausted != null ? exhausted : OutOfDeviceMemory.of(strategyId, "rounds thread " + w.index, w.error);
            }
        }
        audit.reconcile("allocation attempts = blocks freed + tag mismatches + NULL allocations", attempts,
                freed + mismatched + failures);
        long pages = machine.pages();
        long pageFailures = machine.device.pageFailures();
        machine.audit(audit, ledger);
        LossReport loss = audit.report();
        Latency allocLatency = Latency.of(alloc);
        Latency freeLatency = Latency.of(free);
        // drop what the storm holds (histograms, ring, pools), so the heap after it shows only what leaked
        alloc = null;
        free = null;
        workers = null;
        threads = null;
        pools = null;
        machine = null;
        if (exhausted != null) {
            throw exhausted; // after the audit has given the device its pages back
        }
        long heapAfter = ThreadAllocation.heapUsedAfterGc();
        return new StormResult(strategyId, last - stop.startNanos(), freed, failures, allocLatency,
                freeLatency, contention.calls(), contention.waited(), contention.waitNanos(), pages,
                pageFailures, bytes, heapBefore, heapAfter, loss);
    }
}
