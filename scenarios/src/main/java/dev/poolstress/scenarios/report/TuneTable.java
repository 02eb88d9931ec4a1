package dev.poolstress.scenarios.report;

import dev.poolstress.scenarios.storm.Instrumentation;
import dev.poolstress.scenarios.tune.Samples;
import dev.poolstress.scenarios.tune.Spread;
import dev.poolstress.scenarios.tune.StrategyResult;
import dev.poolstress.scenarios.tune.TuneResult;
import dev.poolstress.scenarios.tune.Verdict;
import java.util.Locale;

/**
 * The terminal table: one row per strategy, ranked first (with its tier, its runs, its median throughput with the
 * bootstrap interval of that median, and the pick's ratio over it), then the ones that lost or doubled a block;
 * then the tiers and the verdict in sentences. Other figures are medians over the runs. Pool share is the storm
 * threads' time inside {@code DmaPool.alloc} and {@code free}. Contention is the share of strategy calls that
 * waited and the wait per pair, estimated by timing each call against its uncontended median. Memory is the Java
 * heap the storm's threads allocated per pair (target 0) and the heap still in use after each storm minus before
 * it, both after a full GC (a leak grows it).
 */
public final class TuneTable {
    private static final String HEADER = "%-4s %-4s %-16s %4s %10s %-19s %-19s %5s %8s %8s %8s %9s %8s %8s %7s %9s"
            + " %6s %6s %7s %8s %5s %6s%n";
    private static final String ROW = "%-4s %-4s %-16s %4d %10.0f %-19s %-19s %5s %8s %8s %8s %9s %8s %8s %7s %9s"
            + " %6.0f %6d %7.2f %8.0f %5d %6d%n";

    private TuneTable() {
    }

    public static String render(TuneResult result) {
        StringBuilder out = new StringBuilder();
        String nl = System.lineSeparator();
        if (!result.complete()) {
            out.append("INCOMPLETE: the run was cut short; these are the storms that had finished").append(nl);
        }
        out.append(String.format(Locale.ROOT, "scenario %s (%s), storms of %s, interleaved; %d round(s) in %.0f s of"
                        + " a %d s budget, the first %d over every strategy%n", result.scenario(), result.topology(),
                result.limit(), result.rounds(), result.spent().toMillis() / 1000.0, result.budget().toSeconds(),
                result.runs()));
        result.machine().warning(result.scenario()).ifPresent(w -> out.append(w).append(nl));
        out.append(String.format(Locale.ROOT, HEADER, "tier", "rank", "strategy", "runs", "pairs/s",
                "(95% interval)", "pick is", "pool", "alloc50", "alloc99", "alloc999", "allocmax", "free50", "free99",
                "waited", "wait/pair", "pages", "fails", "B/pair", "heap+kB", "lost", "double"));
        int rank = 1;
        for (StrategyResult r : result.ranking()) {
            row(out, result, String.valueOf(result.verdict().tierOf(r.strategy())), String.valueOf(rank++), r);
        }
        for (StrategyResult r : result.results()) {
            if (!r.lossFree()) {
                row(out, result, "-", "-", r);
            }
        }
        boolean two = result.results().stream().anyMatch(r -> r.runs().size() == 2);
        out.append("pairs/s: median of the runs").append(two ? " (of two runs: their mean)" : "")
                .append("; interval: the bootstrap's for that median; pick is: the pick's median over this one's,"
                        + " with its interval").append(nl);
        out.append("runs: the storms ranked, none reading a clock per pool call; pool: the share of a pair's CPU"
                + " time spent inside alloc and free").append(nl);
        if (result.probes() == Instrumentation.FULL) {
            out.append("latencies in ns, pool and contention: from one probed storm per strategy after its ranked"
                    + " ones; waited = strategy calls slower than 2x their uncontended median; wait/pair in ns")
                    .append(nl);
        } else {
            out.append("throughput only: no probed storm ran, so latency, pool share and contention read -")
                    .append(nl);
        }
        for (StrategyResult r : result.results()) {
            for (String problem : r.problems()) {
                out.append(r.strategy()).append(": ").append(problem).append(nl);
            }
        }
        Verdict verdict = result.verdict();
        for (int t = 0; t < verdict.tiers().size(); t++) {
            out.append("tier ").append(t + 1).append(": ").append(String.join(", ", verdict.tiers().get(t)))
                    .append(nl);
        }
        out.append(result.reason()).append(nl);
        return out.toString();
    }

    private static void row(StringBuilder out, TuneResult result, String tier, String rank, StrategyResult r) {
        Samples.Interval interval = r.throughputInterval();
        String versus = result.verdict().over(r.strategy()).map(v -> v.ratio().toString())
                .orElse(r.strategy().equals(result.recommended().orElse(null)) ? "the pick" : "");
        String share = !r.probed().isEmpty() && result.machine().cpus() > 0
                ? String.format(Locale.ROOT, "%4.0f%%", 100 * r.poolShare(result.machine().cpus()).median())
                : "-";
        out.append(String.format(Locale.ROOT, ROW, tier, rank, r.strategy(), r.runs().size(),
                r.pairsPerSecond().median(), String.format(Locale.ROOT, "(%.0f..%.0f)", interval.low(),
                        interval.high()), versus, share,
                probed(r, r.allocP50()), probed(r, r.allocP99()), probed(r, r.allocP999()), probed(r, r.allocMax()),
                probed(r, r.freeP50()), probed(r, r.freeP99()), r.probed().isEmpty() ? "-"
                        : String.format(Locale.ROOT, "%.1f%%", r.waitedPercent().median()),
                probed(r, r.waitNanosPerPair()), r.pagesGrown().median(), r.allocFailures(), r.bytesPerPair().median(), r.heapGrowth().median() / 1024,
                r.lost(), r.doubleOwned()));
    }

    /** A figure of the probed storms, or "-" when none ran. */
    private static String probed(StrategyResult r, Spread figure) {
        return r.probed().isEmpty() ? "-" : String.format(Locale.ROOT, "%.0f", figure.median());
    }
}
