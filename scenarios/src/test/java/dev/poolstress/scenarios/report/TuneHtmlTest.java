package dev.poolstress.scenarios.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.poolstress.scenarios.storm.Instrumentation;
import dev.poolstress.scenarios.storm.Latency;
import dev.poolstress.scenarios.storm.LossReport;
import dev.poolstress.scenarios.storm.StormResult;
import dev.poolstress.scenarios.tune.MachineFit;
import dev.poolstress.scenarios.tune.StrategyResult;
import dev.poolstress.scenarios.tune.TuneResult;
import dev.poolstress.scenarios.tune.Verdict;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class TuneHtmlTest {
    private static final Pattern ROW = Pattern.compile("<tr[^>]*>(.*?)</tr>", Pattern.DOTALL);
    private static final Pattern CELL = Pattern.compile("<t[hd][^>]*>(.*?)</t[hd]>", Pattern.DOTALL);

    /** Results in run order, which is not rank order; one strategy lost blocks. */
    private final TuneResult result = tuneResult(List.of(
            strategy("spin-ticket", 0, 1_000_000, 1_100_000, 1_050_000),
            strategy("leaky", 7, 3_000_000, 3_100_000, 3_050_000),
            strategy("percpu", 0, 5_000_000, 5_200_000, 5_100_000),
            strategy("spin-mcs", 0, 2_000_000, 2_100_000, 2_050_000)));

    @Test
    void shouldListTheStrategiesInRankOrderWithTheLossyOnesLast() {
        List<List<String>> rows = rankingRows(TuneHtml.render(result));

        List<String> names = rows.subList(1, rows.size()).stream().map(r -> r.get(2)).toList();
        assertEquals(List.of("percpu", "spin-mcs", "spin-ticket", "leaky"), names);
        assertEquals(List.of("1", "2", "3", "-"), rows.subList(1, rows.size()).stream().map(r -> r.get(0)).toList());
        assertEquals(result.ranking().stream().map(StrategyResult::strategy).toList(), names.subList(0, 3));
    }

    @Test
    void shouldShowTheLossColumnsBesideTheNameForEveryStrategy() {
        List<List<String>> rows = rankingRows(TuneHtml.render(result));

        assertEquals(List.of("rank", "tier", "strategy", "lost", "double"), rows.get(0).subList(0, 5));
        for (List<String> row : rows.subList(1, rows.size())) {
            long lost = row.get(2).equals("leaky") ? 7 * 6 : 0; // three ranked and three probed storms
            assertEquals(String.valueOf(lost), row.get(3), row::toString);
            assertEquals("0", row.get(4), row::toString);
        }
    }

    @Test
    void shouldPlotEachStrategysMergedPercentileDistributionInRankOrder() throws Exception {
        String page = TuneHtml.render(result);
        Matcher data = Pattern.compile("const report = (\\{.*?\\});\n").matcher(page);
        assertTrue(data.find(), "the chart data is missing");
        JsonNode strategies = new ObjectMapper().readTree(data.group(1)).get("strategies");

        List<String> names = new ArrayList<>();
        strategies.forEach(s -> names.add(s.get("name").asText()));
        assertEquals(List.of("percpu", "spin-mcs", "spin-ticket", "leaky"), names);
        JsonNode alloc = strategies.get(0).get("alloc");
        assertTrue(alloc.size() > 10, alloc::toString);
        // percpu's runs recorded 1..1000 ns each; merged, the median is near 500 and the tail near 1000
        assertEquals(1.0, alloc.get(0).get(0).asDouble(), 1e-9);
        JsonNode median = toList(alloc).stream()
                .filter(p -> p.get(0).asDouble() >= 2).findFirst().orElseThrow();
        assertEquals(500, median.get(1).asDouble(), 5);
        for (int i = 1; i < alloc.size(); i++) {
            assertTrue(alloc.get(i).get(0).asDouble() >= alloc.get(i - 1).get(0).asDouble(), alloc::toString);
            assertTrue(alloc.get(i).get(1).asLong() >= alloc.get(i - 1).get(1).asLong(), alloc::toString);
        }
        assertTrue(alloc.get(alloc.size() - 1).get(1).asLong() >= 990, alloc::toString);
        assertFalse(page.matches("(?s).*<script[^>]*\\bsrc=.*"), "the page must not load scripts from elsewhere");
    }

    private static List<JsonNode> toList(JsonNode array) {
        List<JsonNode> list = new ArrayList<>();
        array.forEach(list::add);
        return list;
    }

    /** The ranking table's header and rows, each as its cells' text. */
    private static List<List<String>> rankingRows(String page) {
        int start = page.indexOf("<table id=\"ranking\">");
        assertTrue(start >= 0, "no ranking table");
        String table = page.substring(start, page.indexOf("</table>", start));
        List<List<String>> rows = new ArrayList<>();
        Matcher row = ROW.matcher(table);
        while (row.find()) {
            List<String> cells = new ArrayList<>();
            Matcher cell = CELL.matcher(row.group(1));
            while (cell.find()) {
                cells.add(cell.group(1));
            }
            rows.add(cells);
        }
        return rows;
    }

    private static TuneResult tuneResult(List<StrategyResult> results) {
        List<StrategyResult> ranking = results.stream().filter(StrategyResult::lossFree)
                .sorted(Comparator.comparingDouble((StrategyResult r) -> r.pairsPerSecond().median()).reversed())
                .toList();
        return new TuneResult("irq-remote", "1 submitter -> 1 queue", "1000ms", 3, Instrumentation.FULL, results,
                ranking, Verdict.of(ranking), 1, Duration.ofSeconds(12), Duration.ofSeconds(60), new MachineFit(2, 2),
                true);
    }

    /**
     * Ranked runs of one second with the given pair counts and no clock read, and as many probed runs, each timing
     * calls of 1..1000 ns once each.
     */
    private static StrategyResult strategy(String id, long lostPerRun, long... pairs) {
        Histogram calls = new Histogram(1, 60_000_000_000L, 3);
        for (long ns = 1; ns <= 1000; ns++) {
            calls.recordValue(ns);
        }
        List<StormResult> runs = new ArrayList<>();
        List<StormResult> probed = new ArrayList<>();
        for (long p : pairs) {
            runs.add(run(id, p, Latency.NONE, lostPerRun));
            probed.add(run(id, p / 2, Latency.of(calls), lostPerRun));
        }
        return new StrategyResult(id, runs, probed);
    }

    private static StormResult run(String id, long pairs, Latency latency, long lost) {
        return new StormResult(id, 1_000_000_000L, pairs, 0, latency, latency, 0, 0, 0, 0, 0, 0, 0, 0,
                new LossReport(lost, 0, lost == 0 ? List.of() : List.of("blocks never came back")));
    }
}
