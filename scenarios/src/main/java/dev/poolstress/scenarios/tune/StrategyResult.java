package dev.poolstress.scenarios.tune;

import dev.poolstress.scenarios.storm.StormResult;
import java.util.List;
import java.util.stream.Collectors;

/** One strategy's measured runs on a scenario, summarised as medians with their spread. */
public record StrategyResult(String strategy, List<StormResult> runs) {
    public StrategyResult {
        runs = List.copyOf(runs);
    }

    /** This strategy's runs followed by {@code more}'s, as one result. */
    public StrategyResult plus(StrategyResult more) {
        List<StormResult> all = new java.util.ArrayList<>(runs);
        all.addAll(more.runs());
        return new StrategyResult(strategy, all);
    }

    public Spread pairsPerSecond() {
        return Spread.of(runs, StormResult::pairsPerSecond);
    }

    /** Each run's pairs per second: the samples the verdict compares. */
    public double[] throughputs() {
        return runs.stream().mapToDouble(StormResult::pairsPerSecond).toArray();
    }

    /** The bootstrap interval of the median pairs per second. */
    public Samples.Interval throughputInterval() {
        return Samples.medianInterval(throughputs());
    }

    /**
     * The share of the storm threads' time spent inside {@code DmaPool.alloc} and {@code free}: the timed calls'
     * total over {@code busyThreads} times the run's length. 0 when the probes were off or the plan names no
     * threads. Near 1 the pool is the bottleneck and the lock decides; near 0 no lock can matter.
     */
    public Spread poolShare(int busyThreads) {
        return Spread.of(runs, r -> busyThreads == 0 || r.elapsedNanos() == 0 ? 0
                : Math.min(1, (r.alloc().count() * r.alloc().mean() + r.free().count() * r.free().mean())
                        / ((double) r.elapsedNanos() * busyThreads)));
    }

    public Spread allocP50() {
        return Spread.of(runs, r -> r.alloc().p50());
    }

    public Spread allocP99() {
        return Spread.of(runs, r -> r.alloc().p99());
    }

    public Spread allocP999() {
        return Spread.of(runs, r -> r.alloc().p999());
    }

    public Spread allocMax() {
        return Spread.of(runs, r -> r.alloc().max());
    }

    public Spread freeP50() {
        return Spread.of(runs, r -> r.free().p50());
    }

    public Spread freeP99() {
        return Spread.of(runs, r -> r.free().p99());
    }

    public Spread freeP999() {
        return Spread.of(runs, r -> r.free().p999());
    }

    public Spread freeMax() {
        return Spread.of(runs, r -> r.free().max());
    }

    /** Share of strategy calls that waited, in percent. */
    public Spread waitedPercent() {
        return Spread.of(runs, r -> r.lockCalls() == 0 ? 0 : 100.0 * r.lockWaited() / r.lockCalls());
    }

    /** Time spent waiting per pair, in nanoseconds. */
    public Spread waitNanosPerPair() {
        return Spread.of(runs, r -> r.pairs() == 0 ? 0 : (double) r.lockWaitNanos() / r.pairs());
    }

    public Spread bytesPerPair() {
        return Spread.of(runs, StormResult::bytesPerPair);
    }

    /** Heap used after each storm minus before it, after full GCs: a leak grows it run after run. */
    public Spread heapGrowth() {
        return Spread.of(runs, r -> r.heapAfter() - r.heapBefore());
    }

    public Spread pagesGrown() {
        return Spread.of(runs, StormResult::pagesGrown);
    }

    public long allocFailures() {
        return runs.stream().mapToLong(StormResult::allocFailures).sum();
    }

    public long pageFailures() {
        return runs.stream().mapToLong(StormResult::pageFailures).sum();
    }

    public long lost() {
        return runs.stream().mapToLong(r -> r.loss().lost()).sum();
    }

    public long doubleOwned() {
        return runs.stream().mapToLong(r -> r.loss().doubleOwned()).sum();
    }

    public boolean lossFree() {
        return runs.stream().allMatch(StormResult::lossFree);
    }

    /** Every finding of every run, each prefixed with its run number. */
    public List<String> problems() {
        return java.util.stream.IntStream.range(0, runs.size()).boxed()
                .flatMap(i -> runs.get(i).loss().problems().stream().map(p -> "run " + (i + 1) + ": " + p))
                .collect(Collectors.toList());
    }
}
