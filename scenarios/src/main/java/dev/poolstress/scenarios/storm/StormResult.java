package dev.poolstress.scenarios.storm;

/**
 * What one storm run measured and proved.
 *
 * @param strategy             the lock strategy's id
 * @param elapsedNanos         from the submitters' start to the last completion
 * @param pairs                alloc+free pairs completed (blocks freed by a completion)
 * @param allocFailures        allocations that returned NULL (an injected page failure); the submitter went on
 * @param alloc                latency of {@code DmaPool.alloc}
 * @param free                 latency of the completion's {@code DmaPool.free}, in irq context
 * @param lockCalls            strategy calls timed by the contention decorator
 * @param lockWaited           of those, calls that waited (see {@link Contention})
 * @param lockWaitNanos        time spent waiting, summed over all threads
 * @param pagesGrown           pages the pools grew by during the storm
 * @param pageFailures         page allocations the device refused
 * @param allocatedBytes       Java heap allocated by the storm's threads during the storm
 * @param heapBefore           heap used before the storm, after a full GC
 * @param heapAfter            heap used after the storm, after a full GC
 * @param loss                 the ending's proof
 */
public record StormResult(String strategy, long elapsedNanos, long pairs, long allocFailures, Latency alloc,
                          Latency free, long lockCalls, long lockWaited, long lockWaitNanos, long pagesGrown,
                          long pageFailures, long allocatedBytes, long heapBefore, long heapAfter, LossReport loss) {

    public double pairsPerSecond() {
        return elapsedNanos == 0 ? 0 : pairs * 1e9 / elapsedNanos;
    }

    /** Java heap bytes allocated per alloc+free pair; the hot path's target is zero. */
    public double bytesPerPair() {
        return pairs == 0 ? 0 : (double) allocatedBytes / pairs;
    }

    public boolean lossFree() {
        return loss.clean();
    }
}
