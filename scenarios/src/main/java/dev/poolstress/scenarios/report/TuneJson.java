package dev.poolstress.scenarios.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.poolstress.engine.pool.LockStrategies;
import dev.poolstress.scenarios.storm.StormResult;
import dev.poolstress.scenarios.tune.Ratio;
import dev.poolstress.scenarios.tune.Samples;
import dev.poolstress.scenarios.tune.Spread;
import dev.poolstress.scenarios.tune.StrategyResult;
import dev.poolstress.scenarios.tune.TuneResult;
import dev.poolstress.scenarios.tune.Verdict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The JSON document of a tuning session: {@code complete} (false when a signal cut the run short and these are the
 * storms that had finished), {@code scenario}, {@code recommended} (null when no strategy was loss-free),
 * {@code reason}, {@code verdict} ({@code tiers}, the pick's {@code confidence}, its ratio over the next tier and
 * over the default lock with their intervals, {@code separable}, and the budget that might separate the first tier
 * further), {@code machine} (busy threads, cores, the warning), {@code ranking} (the loss-free strategies in rank
 * order), and {@code results}, one object per strategy with the medians as flat fields ({@code pairs_per_sec} and its
 * bootstrap interval {@code pairs_per_sec_low}..{@code _high}, {@code alloc_p50_ns}, ..., {@code pool_share},
 * {@code lost}, {@code double_owned}), its tier, the pick's ratio over it, {@code runs} (the unprobed storms it is
 * ranked on) and {@code probed_runs} (the storms with latency and contention). Latency, contention and pool share
 * are null for a strategy with no probed storm ({@code --throughput-only}); a storm object carries latency fields
 * only when it was probed.
 */
public final class TuneJson {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private TuneJson() {
    }

    public static ObjectNode toJson(TuneResult result) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("complete", result.complete());
        root.put("scenario", result.scenario());
        root.put("topology", result.topology());
        root.put("limit", result.limit());
        root.put("runs", result.runs());
        root.put("instrumentation", result.probes().name().toLowerCase(java.util.Locale.ROOT));
        if (result.recommended().isPresent()) {
            root.put("recommended", result.recommended().get());
        } else {
            root.putNull("recommended");
        }
        root.put("reason", result.reason());
        root.put("rounds", result.rounds());
        root.put("spent_ms", result.spent().toMillis());
        root.put("budget_ms", result.budget().toMillis());
        root.set("verdict", verdict(result.verdict()));
        ObjectNode machine = root.putObject("machine");
        machine.put("busy_threads", result.machine().busyThreads());
        machine.put("cores", result.machine().cores());
        machine.put("oversubscribed", result.machine().oversubscribed());
        String warning = result.machine().warning(result.scenario()).orElse(null);
        machine.put("warning", warning);
        ArrayNode ranking = root.putArray("ranking");
        result.ranking().forEach(r -> ranking.add(r.strategy()));
        ArrayNode results = root.putArray("results");
        for (StrategyResult r : result.results()) {
            results.add(strategy(r, result));
        }
        return root;
    }

    public static void write(TuneResult result, Path file) throws IOException {
        Files.writeString(file, MAPPER.writeValueAsString(toJson(result)) + System.lineSeparator());
    }

    private static ObjectNode verdict(Verdict verdict) {
        ObjectNode v = MAPPER.createObjectNode();
        ArrayNode tiers = v.putArray("tiers");
        verdict.tiers().forEach(t -> t.forEach(tiers.addArray()::add));
        v.put("pick", verdict.pick().orElse(null));
        v.put("confidence", verdict.confidence());
        v.put("interval_confidence", Samples.CONFIDENCE);
        v.put("separable", verdict.separable());
        v.set("over_next_tier", versus(verdict.overNextTier()));
        v.set("over_default_lock", versus(verdict.over(LockStrategies.DEFAULT)));
        v.put("default_lock", LockStrategies.DEFAULT);
        v.put("closest_in_first_tier", verdict.closest().orElse(null));
        v.put("budget_factor_to_separate", Double.isFinite(verdict.budgetFactor()) ? verdict.budgetFactor() : -1);
        return v;
    }

    private static JsonNode versus(Optional<Verdict.Versus> versus) {
        if (versus.isEmpty()) {
            return NullNode.getInstance();
        }
        ObjectNode o = MAPPER.createObjectNode();
        o.put("strategy", versus.get().other());
        ratio(o, versus.get().ratio());
        o.put("mann_whitney_p", versus.get().p());
        o.put("separated", versus.get().separated());
        return o;
    }

    private static void ratio(ObjectNode o, Ratio ratio) {
        o.put("ratio", ratio.estimate());
        o.put("ratio_low", ratio.low());
        o.put("ratio_high", ratio.high());
    }

    private static ObjectNode strategy(StrategyResult r, TuneResult result) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("strategy", r.strategy());
        o.put("loss_free", r.lossFree());
        o.put("tier", result.verdict().tierOf(r.strategy()));
        o.put("pairs_per_sec", rounded(r.pairsPerSecond()));
        Samples.Interval interval = r.throughputInterval();
        o.put("pairs_per_sec_low", Math.round(interval.low()));
        o.put("pairs_per_sec_high", Math.round(interval.high()));
        Optional<Verdict.Versus> versus = result.verdict().over(r.strategy());
        if (versus.isPresent()) {
            ObjectNode pickOver = o.putObject("pick_over_this");
            ratio(pickOver, versus.get().ratio());
            pickOver.put("mann_whitney_p", versus.get().p());
            pickOver.put("separated", versus.get().separated());
        }
        if (!r.probed().isEmpty() && result.machine().cpus() > 0) {
            o.put("pool_share", r.poolShare(result.machine().cpus()).median());
        } else {
            o.putNull("pool_share");
        }
        o.put("pairs_per_sec_min", Math.round(r.pairsPerSecond().min()));
        o.put("pairs_per_sec_max", Math.round(r.pairsPerSecond().max()));
        if (r.probed().isEmpty()) {
            List.of("alloc_p50_ns", "alloc_p99_ns", "alloc_p999_ns", "alloc_max_ns", "free_p50_ns", "free_p99_ns",
                    "free_p999_ns", "free_max_ns", "lock_waited_percent", "lock_wait_ns_per_pair").forEach(o::putNull);
        } else {
            o.put("alloc_p50_ns", rounded(r.allocP50()));
            o.put("alloc_p99_ns", rounded(r.allocP99()));
            o.put("alloc_p999_ns", rounded(r.allocP999()));
            o.put("alloc_max_ns", rounded(r.allocMax()));
            o.put("free_p50_ns", rounded(r.freeP50()));
            o.put("free_p99_ns", rounded(r.freeP99()));
            o.put("free_p999_ns", rounded(r.freeP999()));
            o.put("free_max_ns", rounded(r.freeMax()));
            o.put("lock_waited_percent", r.waitedPercent().median());
            o.put("lock_wait_ns_per_pair", r.waitNanosPerPair().median());
        }
        o.put("pages_grown", rounded(r.pagesGrown()));
        o.put("alloc_failures", r.allocFailures());
        o.put("page_failures", r.pageFailures());
        o.put("heap_bytes_per_pair", r.bytesPerPair().median());
        o.put("heap_growth_bytes", rounded(r.heapGrowth()));
        o.put("lost", r.lost());
        o.put("double_owned", r.doubleOwned());
        ArrayNode problems = o.putArray("problems");
        r.problems().forEach(problems::add);
        runs(o.putArray("runs"), r.runs());
        runs(o.putArray("probed_runs"), r.probed());
        return o;
    }

    /** One object per storm; latency and contention only for a probed storm, which measured them. */
    private static void runs(ArrayNode runs, List<StormResult> storms) {
        for (StormResult s : storms) {
            ObjectNode run = runs.addObject();
            run.put("pairs", s.pairs());
            run.put("elapsed_ns", s.elapsedNanos());
            run.put("pairs_per_sec", Math.round(s.pairsPerSecond()));
            if (s.alloc().count() > 0 || s.free().count() > 0) {
                run.put("alloc_p50_ns", s.alloc().p50());
                run.put("alloc_p99_ns", s.alloc().p99());
                run.put("alloc_p999_ns", s.alloc().p999());
                run.put("alloc_max_ns", s.alloc().max());
                run.put("alloc_mean_ns", s.alloc().mean());
                run.put("free_p50_ns", s.free().p50());
                run.put("free_p99_ns", s.free().p99());
                run.put("free_p999_ns", s.free().p999());
                run.put("free_max_ns", s.free().max());
                run.put("free_mean_ns", s.free().mean());
                run.put("lock_calls", s.lockCalls());
                run.put("lock_waited", s.lockWaited());
                run.put("lock_wait_ns", s.lockWaitNanos());
            }
            run.put("pages_grown", s.pagesGrown());
            run.put("alloc_failures", s.allocFailures());
            run.put("page_failures", s.pageFailures());
            run.put("heap_allocated_bytes", s.allocatedBytes());
            run.put("heap_before_bytes", s.heapBefore());
            run.put("heap_after_bytes", s.heapAfter());
            run.put("lost", s.loss().lost());
            run.put("double_owned", s.loss().doubleOwned());
        }
    }

    /** A spread's median to the nearest whole number, as the document gives counts and nanoseconds. */
    private static long rounded(Spread spread) {
        return Math.round(spread.median());
    }
}
