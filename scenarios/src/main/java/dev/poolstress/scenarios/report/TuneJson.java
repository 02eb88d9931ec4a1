package dev.poolstress.scenarios.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.poolstress.scenarios.storm.StormResult;
import dev.poolstress.scenarios.tune.Spread;
import dev.poolstress.scenarios.tune.StrategyResult;
import dev.poolstress.scenarios.tune.TuneResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The JSON document of a tuning session: {@code scenario}, {@code recommended} (null when no strategy was
 * loss-free), {@code reason}, and {@code results}, one object per strategy with the medians as flat fields
 * ({@code pairs_per_sec}, {@code alloc_p50_ns}, ..., {@code lost}, {@code double_owned}), the spread of throughput,
 * and every run.
 */
public final class TuneJson {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private TuneJson() {
    }

    public static ObjectNode toJson(TuneResult result) {
        ObjectNode root = MAPPER.createObjectNode();
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
        ArrayNode ranking = root.putArray("ranking");
        result.ranking().forEach(r -> ranking.add(r.strategy()));
        ArrayNode results = root.putArray("results");
        for (StrategyResult r : result.results()) {
            results.add(strategy(r));
        }
        return root;
    }

    public static void write(TuneResult result, Path file) throws IOException {
        Files.writeString(file, MAPPER.writeValueAsString(toJson(result)) + System.lineSeparator());
    }

    private static ObjectNode strategy(StrategyResult r) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("strategy", r.strategy());
        o.put("loss_free", r.lossFree());
        o.put("pairs_per_sec", Math.round(r.pairsPerSecond().median()));
        o.put("pairs_per_sec_min", Math.round(r.pairsPerSecond().min()));
        o.put("pairs_per_sec_max", Math.round(r.pairsPerSecond().max()));
        o.put("alloc_p50_ns", median(r.allocP50()));
        o.put("alloc_p99_ns", median(r.allocP99()));
        o.put("alloc_p999_ns", median(r.allocP999()));
        o.put("alloc_max_ns", median(r.allocMax()));
        o.put("free_p50_ns", median(r.freeP50()));
        o.put("free_p99_ns", median(r.freeP99()));
        o.put("free_p999_ns", median(r.freeP999()));
        o.put("free_max_ns", median(r.freeMax()));
        o.put("lock_waited_percent", r.waitedPercent().median());
        o.put("lock_wait_ns_per_pair", r.waitNanosPerPair().median());
        o.put("pages_grown", median(r.pagesGrown()));
        o.put("alloc_failures", r.allocFailures());
        o.put("page_failures", r.pageFailures());
        o.put("heap_bytes_per_pair", r.bytesPerPair().median());
        o.put("heap_growth_bytes", median(r.heapGrowth()));
        o.put("lost", r.lost());
        o.put("double_owned", r.doubleOwned());
        ArrayNode problems = o.putArray("problems");
        r.problems().forEach(problems::add);
        ArrayNode runs = o.putArray("runs");
        for (StormResult s : r.runs()) {
            ObjectNode run = runs.addObject();
            run.put("pairs", s.pairs());
            run.put("elapsed_ns", s.elapsedNanos());
            run.put("pairs_per_sec", Math.round(s.pairsPerSecond()));
            run.put("alloc_p50_ns", s.alloc().p50());
            run.put("alloc_p99_ns", s.alloc().p99());
            run.put("alloc_p999_ns", s.alloc().p999());
            run.put("alloc_max_ns", s.alloc().max());
            run.put("free_p50_ns", s.free().p50());
            run.put("free_p99_ns", s.free().p99());
            run.put("free_p999_ns", s.free().p999());
            run.put("free_max_ns", s.free().max());
            run.put("lock_calls", s.lockCalls());
            run.put("lock_waited", s.lockWaited());
            run.put("lock_wait_ns", s.lockWaitNanos());
            run.put("pages_grown", s.pagesGrown());
            run.put("alloc_failures", s.allocFailures());
            run.put("page_failures", s.pageFailures());
            run.put("heap_allocated_bytes", s.allocatedBytes());
            run.put("heap_before_bytes", s.heapBefore());
            run.put("heap_after_bytes", s.heapAfter());
            run.put("lost", s.loss().lost());
            run.put("double_owned", s.loss().doubleOwned());
        }
        return o;
    }

    private static long median(Spread spread) {
        return Math.round(spread.median());
    }
}
