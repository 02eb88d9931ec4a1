package dev.poolstress.scenarios.storm;

import java.util.concurrent.atomic.LongAdder;

/**
 * The lock contention a {@link TimedLockStrategy} saw, estimated from how long each strategy call took: a call
 * <em>waited</em> when it took more than twice the uncontended median of the same call (measured single-threaded
 * before the storm, see {@link ContentionBaseline}) and at least {@value #MIN_EXCESS_NS} ns more; its wait is the
 * time above that median. This counts slow batch paths (a magazine exchanged with the depot, a refill) as waits too,
 * and it cannot see inside the strategy; it is an estimate, comparable across strategies, not a lock statistic.
 *
 * <p>Recording allocates nothing once each adder has settled its cells (in the warm-up run).
 */
public final class Contention {
    static final long MIN_EXCESS_NS = 100;

    private final long allocMedian;
    private final long freeMedian;
    private final LongAdder calls = new LongAdder();
    private final LongAdder waited = new LongAdder();
    private final LongAdder waitNanos = new LongAdder();

    public Contention(long allocMedianNs, long freeMedianNs) {
        this.allocMedian = allocMedianNs;
        this.freeMedian = freeMedianNs;
    }

    void recordAlloc(long nanos) {
        record(nanos, allocMedian);
    }

    void recordFree(long nanos) {
        record(nanos, freeMedian);
    }

    private void record(long nanos, long median) {
        calls.increment();
        long excess = nanos - median;
        if (nanos > 2 * median && excess >= MIN_EXCESS_NS) {
            waited.increment();
            waitNanos.add(excess);
        }
    }

    /** Forgets what was recorded so far (the prefill before a storm), keeping the baseline. */
    void reset() {
        calls.reset();
        waited.reset();
        waitNanos.reset();
    }

    public long calls() {
        return calls.sum();
    }

    public long waited() {
        return waited.sum();
    }

    public long waitNanos() {
        return waitNanos.sum();
    }

    public long allocMedianNs() {
        return allocMedian;
    }

    public long freeMedianNs() {
        return freeMedian;
    }
}
