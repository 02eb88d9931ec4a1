package dev.poolstress.scenarios.tune;

import dev.poolstress.scenarios.storm.StormResult;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One strategy's measured runs on a scenario, summarised as medians with their spread.
 *
 * @param runs   the runs the strategy is ranked on: throughput, with no clock read per pool call
 * @param probed the runs with the probes on, where latency, contention and pool share come from (the probes slow a
 *               fast strategy more than a slow one, so these runs are never ranked); empty when none was asked for
 */
public record StrategyResult(String strategy, List<StormResult> runs, List<StormResult> probed) {
    public StrategyResult {
        runs = List.copyOf(runs);
        probed = List.copyOf(probed);
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
     * The share of a pair's cost spent inside {@code DmaPool.alloc} and {@code free}, over the probed runs: the
     * timed calls' total (wall time, so a thread preempted inside a call counts, as a lock holder's preemption
     * does cost the others) over the CPU time the storm had, its length times {@code cpus}, the cores its busy
     * threads could run on at once (a thread waiting for a core has no time to spend anywhere). 0 with no probed
     * run or no CPU. Near 1 the pool is the bottleneck and the lock decides; near 0 no lock can matter.
     */
    public Spread poolShare(int cpus) {
        return Spread.of(probed, r -> cpus == 0 || r.elapsedNanos() == 0 ? 0
                : Math.min(1, (r.alloc().count() * r.alloc().mean() + r.free().count() * r.free().mean())
                        / ((double) r.elapsedNanos() * cpus)));
    }

    public Spread allocP50() {
        return Spread.of(probed, r -> r.alloc().p50());
    }

    public Spread allocP99() {
        return Spread.of(probed, r -> r.alloc().p99());
    }

    public Spread allocP999() {
        return Spread.of(probed, r -> r.alloc().p999());
    }

    public Spread allocMax() {
        return Spread.of(probed, r -> r.alloc().max());
    }

    public Spread freeP50() {
        return Spread.of(probed, r -> r.free().p50());
    }

    public Spread freeP99() {
        return Spread.of(probed, r -> r.free().p99());
    }

    public Spread freeP999() {
        return Spread.of(probed, r -> r.free().p999());
    }

    public Spread freeMax() {
        return Spread.of(probed, r -> r.free().max());
    }

    /** Share of strategy calls that waited, in percent. */
    public Spread waitedPercent() {
        return Spread.of(probed, r -> r.lockCalls() == 0 ? 0 : 100.0 * r.lockWaited() / r.lockCalls());
    }

    /** Time spent waiting per pair, in nanoseconds. */
    public Spread waitNanosPerPair() {
        return Spread.of(probed, r -> r.pairs() == 0 ? 0 : (double) r.lockWaitNanos() / r.pairs());
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
        return every().mapToLong(StormResult::allocFailures).sum();
    }

    public long pageFailures() {
        return every().mapToLong(StormResult::pageFailures).sum();
    }

    public long lost() {
        return every().mapToLong(r -> r.loss().lost()).sum();
    }

    public long doubleOwned() {
        return every().mapToLong(r -> r.loss().doubleOwned()).sum();
    }

    public boolean lossFree() {
        return every().allMatch(StormResult::lossFree);
    }

    /** Every finding of every run, each prefixed with its run ("run 3", "probed run 1"). */
    public List<String> problems() {
        return java.util.stream.Stream.concat(findings(runs, "run "), findings(probed, "probed run "))
                .collect(Collectors.toList());
    }

    private static java.util.stream.Stream<String> findings(List<StormResult> runs, String label) {
        return java.util.stream.IntStream.range(0, runs.size()).boxed()
                .flatMap(i -> runs.get(i).loss().problems().stream().map(p -> label + (i + 1) + ": " + p));
    }

    /** The ranked runs and the probed ones: every run proves that no block was lost or owned twice. */
    private java.util.stream.Stream<StormResult> every() {
        return java.util.stream.Stream.concat(runs.stream(), probed.stream());
    }
}
