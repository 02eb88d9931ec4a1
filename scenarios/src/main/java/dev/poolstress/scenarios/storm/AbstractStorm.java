package dev.poolstress.scenarios.storm;

import dev.poolstress.engine.FreeBlocks;
import dev.poolstress.engine.LockStrategy;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.HdrHistogram.Histogram;

/**
 * The skeleton every storm runs in, so that a ring storm and a rounds storm differ only in their workload.
 *
 * <p>{@link #start()} refuses a second start, reads the heap after a full GC, builds the {@link StormMachine}, lets
 * the workload {@link #prepare()} the pools, forgets the contention and counts the pages that preparing made, has
 * the workload {@link #launch()} its threads and opens the {@link StopSignal}. {@link #finish()} has the workload
 * stop its threads and {@link #collect} their counts into a {@link Tally}, audits the pools, drops everything the
 * storm held, throws {@link OutOfDeviceMemory} if a thread ran out of direct memory, reads the heap again and reports.
 *
 * <p>Invariant: a storm starts once; its heap after is read with nothing of the storm left reachable, so it shows
 * only what leaked. Extend it for a new kind of storm; the subclass holds only its threads and their counts.
 */
abstract class AbstractStorm implements Storm {
    final String strategyId;
    final StormLimit limit;
    final boolean timed;
    final StopSignal stop = new StopSignal();
    final OwnershipLedger ledger = new OwnershipLedger();
    /** The machine the storm runs on, from {@link #start()} until {@link #finish()} drops it. */
    StormMachine machine;

    private final StormPlan plan;
    private final Function<FreeBlocks, LockStrategy> strategy;
    private long heapBefore;
    private long pagesBefore;
    private boolean started;

    AbstractStorm(StormPlan plan, String strategyId, Function<FreeBlocks, LockStrategy> strategy, StormLimit limit,
                  Instrumentation probes) {
        this.plan = plan;
        this.strategyId = strategyId;
        this.strategy = strategy;
        this.limit = limit;
        this.timed = probes == Instrumentation.FULL;
    }

    /** Readies the pools before the storm, outside what it measures; nothing by default. */
    void prepare() {
    }

    /** Creates and starts the workload's threads; they wait at {@link #stop} until it opens. */
    abstract void launch();

    /**
     * Stops and joins the workload's threads, adds what they counted to {@code tally}, reconciles their counts in
     * {@code tally.audit}, then drops its references to them, so that the heap after the storm shows only what leaked.
     */
    abstract void collect(Tally tally);

    @Override
    public final void start() {
        if (started) {
            throw new IllegalStateException("a storm runs once");
        }
        started = true;
        heapBefore = ThreadAllocation.heapUsedAfterGc();
        machine = new StormMachine(plan, strategy, timed);
        prepare();
        machine.contention.reset();
        pagesBefore = machine.pages();
        launch();
        stop.open(limit.timed() ? limit.duration().toNanos() : 0);
    }

    @Override
    public final StormResult finish() {
        Tally tally = new Tally(new LossAudit(machine.device));
        collect(tally);
        long pagesGrown = machine.pages() - pagesBefore;
        long pageFailures = machine.device.pageFailures();
        machine.audit(tally.audit, ledger);
        LossReport loss = tally.audit.report();
        Latency allocLatency = Latency.of(tally.alloc);
        Latency freeLatency = Latency.of(tally.free);
        Contention contention = machine.contention;
        OutOfDeviceMemory exhausted = tally.exhausted;
        long elapsed = tally.last - stop.startNanos();
        long freed = tally.freed;
        long failures = tally.failures;
        long bytes = tally.bytes;
        // drop what the storm holds (histograms, threads, pools), so the heap after it shows only what leaked
        tally = null;
        machine = null;
        if (exhausted != null) {
            throw exhausted; // after the audit has given the device its pages back
        }
        long heapAfter = ThreadAllocation.heapUsedAfterGc();
        return new StormResult(strategyId, elapsed, freed, failures, allocLatency, freeLatency, contention.calls(),
                contention.waited(), contention.waitNanos(), pagesGrown, pageFailures, bytes, heapBefore, heapAfter,
                loss);
    }

    /** Joins each of {@code threads} for up to {@code seconds}; stops joining if this thread is interrupted. */
    static void joinAll(Thread[] threads, long seconds) {
        for (Thread thread : threads) {
            try {
                thread.join(TimeUnit.SECONDS.toMillis(seconds));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** What the workload's threads did, summed as {@link #collect} reads them, and the audit their errors go to. */
    final class Tally {
        final LossAudit audit;
        final Histogram alloc = Latency.newHistogram();
        final Histogram free = Latency.newHistogram();
        /** Blocks freed: the storm's alloc+free pairs. */
        long freed;
        /** Allocations that returned NULL. */
        long failures;
        /** Heap bytes the threads allocated. */
        long bytes;
        /** When the last block was freed; the storm's start if none was. */
        long last = stop.startNanos();
        private OutOfDeviceMemory exhausted;

        private Tally(LossAudit audit) {
            this.audit = audit;
        }

        /**
         * A thread's error: reported by the audit as {@code where}; the first one caused by running out of direct
         * memory is what {@link #finish()} throws, naming {@code who}.
         */
        void error(String who, String where, Throwable error) {
            audit.error(where, error);
            if (exhausted == null) {
                exhausted = OutOfDeviceMemory.of(strategyId, who, error);
            }
        }
    }
}
