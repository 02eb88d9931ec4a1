package dev.poolstress.scenarios.report;

import dev.poolstress.scenarios.storm.Instrumentation;
import dev.poolstress.scenarios.tune.Spread;
import dev.poolstress.scenarios.tune.StrategyResult;
import dev.poolstress.scenarios.tune.TuneResult;
import java.util.Locale;

/**
 * The terminal table: one row per strategy, ranked first, then the ones that lost or doubled a block. Figures are
 * medians over the measured runs; throughput shows its spread (min..max). Contention is the share of strategy
 * calls that waited and the wait per pair, estimated by timing each call against its uncontended median. Memory
 * is the Java heap the storm's threads allocated per pair (target 0) and the heap still in use after each storm
 * minus before it, both after a full GC (a leak grows it).
 */
public final class TuneTable {
    private TuneTable() {
    }

    public static String render(TuneResult result) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "scenario %s (%s), %d measured run(s) of %s each%n", result.scenario(),
                result.topology(), result.runs(), result.limit()));
        out.append(String.format(Locale.ROOT, "%-4s %-16s %12s %-23s %8s %8s %8s %9s %8s %8s %7s %9s %6s %6s %7s %8s %5s %6s%n",
                "rank", "strategy", "pairs/s", "(min..max)", "alloc50", "alloc99", "alloc999", "allocmax", "free50",
                "free99", "waited", "wait/pair", "pages", "fails", "B/pair", "heap+kB", "lost", "double"));
        int rank = 1;
        for (StrategyResult r : result.ranking()) {
            row(out, String.valueOf(rank++), r);
        }
        for (StrategyResult r : result.results()) {
            if (!r.lossFree()) {
                row(out, "-", r);
            }
        }
        if (result.probes() == Instrumentation.FULL) {
            out.append("latencies in ns; waited = strategy calls slower than 2x their uncontended median; wait/pair"
                    + " in ns").append(System.lineSeparator());
        } else {
            out.append("throughput only: no clock was read per pool call, so latency and contention read 0")
                    .append(System.lineSeparator());
        }
        for (StrategyResult r : result.results()) {
            for (String problem : r.problems()) {
                out.append(r.strategy()).append(": ").append(problem).append(System.lineSeparator());
            }
        }
        out.append(result.reason()).append(System.lineSeparator());
        return out.toString();
    }

    private static void row(StringBuilder out, String rank, StrategyResult r) {
        Spread rate = r.pairsPerSecond();
        out.append(String.format(Locale.ROOT,
                "%-4s %-16s %12.0f %-23s %8.0f %8.0f %8.0f %9.0f %8.0f %8.0f %6.1f%% %9.0f %6.0f %6d %7.2f %8.0f %5d %6d%n",
                rank, r.strategy(), rate.median(), String.format(Locale.ROOT, "(%.0f..%.0f)", rate.min(), rate.max()),
                r.allocP50().median(), r.allocP99().median(), r.allocP999().median(), r.allocMax().median(),
                r.freeP50().median(), r.freeP99().median(), r.waitedPercent().median(), r.waitNanosPerPair().median(),
                r.pagesGrown().median(), r.allocFailures(), r.bytesPerPair().median(), r.heapGrowth().median() / 1024,
                r.lost(), r.doubleOwned()));
    }
}
