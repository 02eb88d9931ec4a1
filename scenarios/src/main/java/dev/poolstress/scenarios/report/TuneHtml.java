package dev.poolstress.scenarios.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.poolstress.scenarios.storm.Latency;
import dev.poolstress.scenarios.storm.StormResult;
import dev.poolstress.scenarios.tune.Samples;
import dev.poolstress.scenarios.tune.StrategyResult;
import dev.poolstress.scenarios.tune.TuneResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

/**
 * The HTML report: one self-contained file that opens without a network, Apache ECharts inlined from its webjar.
 *
 * <p>Read top to bottom: the verdict in sentences; the ranking table, strategies in rank order (then the ones that
 * lost or doubled a block) with their tier, median throughput and its bootstrap interval, the pick's ratio over
 * each, and the lost and doubled counts as the columns next to the name, so no scrolling hides them; the same
 * medians as bars with their intervals as whiskers; then one latency plot per strategy, in rank order: HdrHistogram's
 * percentile distribution of alloc and free over all of that strategy's runs (the histograms of the runs merged),
 * on the {@code 1/(1-percentile)} axis HdrHistogram's own plotter uses, so the tail is as readable as the median.
 * Every figure of the terminal table and the tuning JSON follow. The page takes the window's width.
 */
public final class TuneHtml {
    private static final String ECHARTS = "/META-INF/resources/webjars/echarts/5.3.1/dist/echarts.min.js";
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** Percentile levels per halving of the distance to 100%: HdrHistogram's own default for its distribution. */
    private static final int TICKS_PER_HALF_DISTANCE = 5;

    private TuneHtml() {
    }

    public static void write(TuneResult result, Path file) throws IOException {
        Files.writeString(file, render(result));
    }

    public static String render(TuneResult result) {
        List<Row> rows = rows(result);
        String tuneJson = TuneJson.toJson(result).toString().replace("</", "<\\/");
        String chartData = charts(rows).toString().replace("</", "<\\/");
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                + "<title>poolstress tune: " + escape(result.scenario()) + "</title>\n"
                + "<style>" + STYLE + "</style>\n<script>" + echarts() + "</script>\n</head><body>\n"
                + "<h1>poolstress tune: " + escape(result.scenario()) + "</h1>\n"
                + (result.complete() ? "" : "<p class=\"warning\">INCOMPLETE: the run was cut short; these are "
                        + "the storms that had finished.</p>\n")
                + "<p>" + escape(result.topology()) + "; storms of " + escape(result.limit()) + ", interleaved; "
                + result.rounds() + " round(s) in " + result.spent().toSeconds() + " s of a "
                + result.budget().toSeconds() + " s budget, the first " + result.runs()
                + " over every strategy.</p>\n"
                + result.machine().warning(result.scenario()).map(w -> "<p class=\"warning\">" + escape(w)
                        + "</p>\n").orElse("")
                + "<p class=\"verdict\">" + escape(result.reason()) + "</p>\n"
                + "<div class=\"top\">\n<div>" + table(rows) + "</div>\n"
                + "<div id=\"throughput\" class=\"chart\"></div>\n</div>\n"
                + "<h2>Latency: percentile distribution per strategy, in rank order</h2>\n"
                + (rows.stream().anyMatch(r -> r.alloc().getTotalCount() > 0)
                        ? "<p class=\"note\">Latency on a log scale, against the percentile on HdrHistogram's "
                                + "1/(1-percentile) axis, from the strategy's probed storm (the ranked storms "
                                + "read no clock).</p>\n"
                                + "<div id=\"latency\"></div>\n"
                        : "<p class=\"note\">Throughput only: no clock was read per pool call, so there is no "
                                + "latency to plot.</p>\n")
                + "<details><summary>Every figure (the terminal table)</summary><pre>"
                + escape(TuneTable.render(result)) + "</pre></details>\n"
                + "<script type=\"application/json\" id=\"tune-json\">" + tuneJson + "</script>\n"
                + "<script>\nconst report = " + chartData + ";\n" + CHARTS + "</script>\n</body></html>\n";
    }

    /** A strategy as the page shows it; {@code rank} is 0 for one that lost or doubled a block. */
    private record Row(int rank, int tier, StrategyResult result, String versus, Histogram alloc, Histogram free) {
    }

    /** The ranked strategies in rank order, then the ones that were not loss-free. */
    private static List<Row> rows(TuneResult result) {
        List<Row> rows = new ArrayList<>();
        for (StrategyResult r : result.ranking()) {
            String versus = result.verdict().over(r.strategy()).map(v -> v.ratio().toString())
                    .orElse(r.strategy().equals(result.recommended().orElse(null)) ? "the pick" : "");
            rows.add(row(rows.size() + 1, result.verdict().tierOf(r.strategy()), r, versus));
        }
        for (StrategyResult r : result.results()) {
            if (!r.lossFree()) {
                rows.add(row(0, 0, r, ""));
            }
        }
        return rows;
    }

    private static Row row(int rank, int tier, StrategyResult r, String versus) {
        return new Row(rank, tier, r, versus, merged(r, StormResult::alloc), merged(r, StormResult::free));
    }

    private static Histogram merged(StrategyResult r, Function<StormResult, Latency> latency) {
        return Latency.merged(r.probed().stream().map(latency).toList());
    }

    private static String table(List<Row> rows) {
        StringBuilder html = new StringBuilder("<table id=\"ranking\"><thead><tr><th>rank</th><th>tier</th>"
                + "<th class=\"name\">strategy</th><th>lost</th><th>double</th><th>runs</th><th>pairs/s</th>"
                + "<th>95% interval</th><th>pick is</th></tr></thead><tbody>\n");
        for (Row row : rows) {
            StrategyResult r = row.result();
            Samples.Interval interval = r.throughputInterval();
            html.append(row.rank() == 0 ? "<tr class=\"lossy\">" : "<tr class=\"tier" + Math.min(row.tier(), 4)
                            + "\">")
                    .append(cell(row.rank() == 0 ? "-" : String.valueOf(row.rank())))
                    .append(cell(row.tier() == 0 ? "-" : String.valueOf(row.tier())))
                    .append("<td class=\"name\">").append(escape(r.strategy())).append("</td>")
                    .append(count(r.lost())).append(count(r.doubleOwned()))
                    .append(cell(String.valueOf(r.runs().size())))
                    .append(cell(thousands(r.pairsPerSecond().median())))
                    .append(cell(thousands(interval.low()) + " .. " + thousands(interval.high())))
                    .append(cell(escape(row.versus()))).append("</tr>\n");
        }
        return html.append("</tbody></table>\n<p class=\"note\">pairs/s: the median of the runs; 95% interval: "
                + "the 95% bootstrap interval of that median (the whiskers in the chart); pick is: the pick's median "
                + "over this one's, with its interval; lost, double: blocks that never came back or were owned twice, "
                + "summed over the runs; a strategy with any is not ranked. Tier 1 is what the runs cannot tell "
                + "apart from the pick.</p>\n").toString();
    }

    private static String cell(String text) {
        return "<td>" + text + "</td>";
    }

    private static String count(long n) {
        return n == 0 ? "<td class=\"zero\">0</td>" : "<td class=\"bad\">" + n + "</td>";
    }

    private static String thousands(double value) {
        return String.format(Locale.ROOT, "%,.0f", value);
    }

    /** What the charts draw, in the table's order. */
    private static ObjectNode charts(List<Row> rows) {
        ObjectNode data = MAPPER.createObjectNode();
        ArrayNode strategies = data.putArray("strategies");
        for (Row row : rows) {
            StrategyResult r = row.result();
            Samples.Interval interval = r.throughputInterval();
            ObjectNode s = strategies.addObject();
            s.put("name", r.strategy());
            s.put("rank", row.rank());
            s.put("tier", row.tier());
            s.put("pairs_per_sec", Math.round(r.pairsPerSecond().median()));
            s.put("low", Math.round(interval.low()));
            s.put("high", Math.round(interval.high()));
            distribution(s.putArray("alloc"), row.alloc());
            distribution(s.putArray("free"), row.free());
        }
        return data;
    }

    /**
     * HdrHistogram's percentile distribution as {@code [1/(1-percentile), ns]} points; the 100th percentile has
     * no place on that axis and is left out (the table and the JSON give the maximum).
     */
    private static void distribution(ArrayNode points, Histogram histogram) {
        if (histogram.getTotalCount() == 0) {
            return;
        }
        for (HistogramIterationValue v : histogram.percentiles(TICKS_PER_HALF_DISTANCE)) {
            double percentile = v.getPercentileLevelIteratedTo();
            if (percentile < 100) {
                points.addArray().add(100 / (100 - percentile)).add(v.getValueIteratedTo());
            }
        }
    }

    private static final String STYLE = String.join("",
            "body{font-family:sans-serif;margin:1em 1.5em}h1{margin:.2em 0}",
            ".verdict{font-weight:bold;max-width:110ch}.warning{color:#b71c1c}.note{color:#555}",
            ".top{display:grid;grid-template-columns:max-content minmax(0,1fr);gap:1.5em;align-items:start}",
            // the note below the table wraps to the table's width instead of widening its column
            ".top .note{width:0;min-width:100%}",
            "@media (max-width:1100px){.top{grid-template-columns:minmax(0,1fr)}}",
            "table{border-collapse:collapse;font-variant-numeric:tabular-nums}",
            "th,td{padding:.25em .6em;text-align:right;border-bottom:1px solid #ddd;white-space:nowrap}",
            "th{background:#f0f0f0}th.name,td.name{text-align:left}td.name{font-weight:bold}",
            "tr.tier1 td.name{color:#2e7d32}tr.lossy td{background:#fdecea}",
            "tr td.bad{color:#fff;background:#c62828;font-weight:bold}td.zero{color:#2e7d32}",
            ".chart{width:100%;min-height:320px}#latency{width:100%}",
            "pre{background:#f4f4f4;padding:1em;overflow:auto}");

    private static final String CHARTS = String.join("\n",
            "const tierColours = ['#2e7d32', '#5470c6', '#91a7e0', '#b0b0b0'];",
            "const colour = s => s.rank === 0 ? '#c62828' : tierColours[Math.min(s.tier, tierColours.length) - 1];",
            "const label = s => (s.rank === 0 ? 'LOST ' : '#' + s.rank + ' ') + s.name.split('.').pop();",
            "const nanos = v => v >= 1e9 ? v / 1e9 + ' s' : v >= 1e6 ? v / 1e6 + ' ms' : v >= 1e3 ? v / 1e3 + ' \u00b5s' : v + ' ns';",
            "const rows = report.strategies;",
            "const throughputBox = document.getElementById('throughput');",
            "throughputBox.style.height = Math.max(320, 90 + 34 * rows.length) + 'px';",
            "const throughput = echarts.init(document.getElementById('throughput'));",
            "throughput.setOption({",
            "  title: {text: 'pairs/s (median, 95% interval)', textStyle: {fontSize: 14}},",
            "  animation: false, tooltip: {}, grid: {containLabel: true, left: 10, right: 30, top: 40, bottom: 10},",
            "  yAxis: {type: 'category', inverse: true, data: rows.map(label)},",
            "  xAxis: {type: 'value', axisLabel: {hideOverlap: true, formatter: v => v >= 1e6 ? v / 1e6 + ' M' : v}},",
            "  series: [",
            "    {name: 'pairs/s', type: 'bar', data: rows.map(s => ({value: s.pairs_per_sec, itemStyle: {color: colour(s)}}))},",
            "    {name: '95% interval', type: 'custom', data: rows.map((s, i) => [i, s.low, s.high]),",
            "     renderItem: (params, api) => { const lo = api.coord([api.value(1), api.value(0)]);",
            "       const hi = api.coord([api.value(2), api.value(0)]);",
            "       return {type: 'group', children: [",
            "         {type: 'line', shape: {x1: lo[0], y1: lo[1], x2: hi[0], y2: hi[1]}, style: {stroke: '#000'}},",
            "         {type: 'line', shape: {x1: lo[0], y1: lo[1] - 6, x2: lo[0], y2: lo[1] + 6}, style: {stroke: '#000'}},",
            "         {type: 'line', shape: {x1: hi[0], y1: hi[1] - 6, x2: hi[0], y2: hi[1] + 6}, style: {stroke: '#000'}}]}; },",
            "     encode: {x: [1, 2], y: 0}}",
            "  ]});",
            "const latencyBox = document.getElementById('latency');",
            "if (latencyBox) {",
            "  const latency = echarts.init(document.getElementById('latency'));",
            "  const values = rows.flatMap(s => s.alloc.concat(s.free).map(p => p[1]));",
            "  const decade = v => Math.pow(10, Math.ceil(Math.log10(Math.max(10, v))));",
            "  const top = decade(Math.max(...values));",
            "  const right = decade(Math.max(...rows.flatMap(s => s.alloc.concat(s.free).map(p => p[0]))));",
            "  const percent = v => (100 - 100 / v).toFixed(Math.max(0, Math.ceil(Math.log10(v)) - 2)) + '%';",
            "  const layout = () => {",
            "    const width = latencyBox.clientWidth, columns = Math.max(1, Math.floor(width / 420));",
            "    const cellW = width / columns, cellH = 260, count = rows.length;",
            "    latencyBox.style.height = Math.ceil(count / columns) * cellH + 40 + 'px';",
            "    latency.resize();",
            "    const at = i => ({left: (i % columns) * cellW + 60, top: Math.floor(i / columns) * cellH + 70,",
            "                      width: cellW - 110, height: cellH - 100});",
            "    latency.setOption({",
            "      animation: false, legend: {top: 0, data: ['alloc', 'free']}, tooltip: {trigger: 'item',",
            "        formatter: p => p.seriesName + ' at ' + (100 - 100 / p.value[0]).toFixed(4) + '%: ' + nanos(p.value[1])},",
            "      title: rows.map((s, i) => ({text: label(s) + (s.rank ? ' (tier ' + s.tier + ')' : ''),",
            "        left: at(i).left, top: at(i).top - 30, textStyle: {fontSize: 13, color: colour(s)}})),",
            "      grid: rows.map((s, i) => at(i)),",
            "      xAxis: rows.map((s, i) => ({type: 'log', gridIndex: i, min: 1, max: right,",
            "        axisLabel: {formatter: percent, hideOverlap: true, fontSize: 10}})),",
            "      yAxis: rows.map((s, i) => ({type: 'log', gridIndex: i, min: 1, max: top, axisLabel: {formatter: nanos}})),",
            "      series: rows.flatMap((s, i) => [",
            "        {name: 'alloc', type: 'line', showSymbol: false, xAxisIndex: i, yAxisIndex: i, data: s.alloc},",
            "        {name: 'free', type: 'line', showSymbol: false, xAxisIndex: i, yAxisIndex: i, data: s.free}])",
            "    }, true);",
            "  };",
            "  layout();",
            "  window.addEventListener('resize', layout);",
            "}",
            "window.addEventListener('resize', () => throughput.resize());",
            "");

    private static String echarts() {
        try (InputStream in = TuneHtml.class.getResourceAsStream(ECHARTS)) {
            if (in == null) {
                throw new IllegalStateException("ECharts is missing from the classpath (" + ECHARTS + ")");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
