package dev.poolstress.scenarios.report;

import dev.poolstress.scenarios.tune.TuneResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The HTML report: one self-contained file, Apache ECharts inlined from its webjar, so it opens without a network.
 * Two charts (median throughput per strategy, coloured by tier, with the bootstrap interval of the median as
 * whiskers; latency percentiles per strategy on a log axis), the verdict and the tiers, the machine warning, and
 * the tuning JSON embedded as data.
 */
public final class TuneHtml {
    private static final String ECHARTS = "/META-INF/resources/webjars/echarts/5.3.1/dist/echarts.min.js";

    private TuneHtml() {
    }

    public static void write(TuneResult result, Path file) throws IOException {
        Files.writeString(file, render(result));
    }

    public static String render(TuneResult result) {
        String data = TuneJson.toJson(result).toString().replace("</", "<\\/");
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
                + "<title>poolstress tune: " + escape(result.scenario()) + "</title>\n"
                + "<style>body{font-family:sans-serif;margin:2em;max-width:1100px}"
                + ".chart{width:100%;height:420px;margin:1em 0}pre{background:#f4f4f4;padding:1em;overflow:auto}"
                + "</style>\n<script>" + echarts() + "</script>\n</head><body>\n"
                + "<h1>poolstress tune: " + escape(result.scenario()) + "</h1>\n"
                + "<p>" + escape(result.topology()) + "; " + result.runs() + " measured run(s) of "
                + escape(result.limit()) + " per strategy and round, " + result.rounds() + " round(s) in "
                + result.spent().toSeconds() + " s of a " + result.budget().toSeconds() + " s budget.</p>\n"
                + result.machine().warning(result.scenario()).map(w -> "<p style=\"color:#b71c1c\">" + escape(w)
                        + "</p>\n").orElse("")
                + "<p><strong>" + escape(result.reason()) + "</strong></p>\n"
                + "<ol>" + result.verdict().tiers().stream().map(t -> "<li>tier: " + escape(String.join(", ", t))
                        + "</li>").collect(java.util.stream.Collectors.joining()) + "</ol>\n"
                + "<div id=\"throughput\" class=\"chart\"></div>\n<div id=\"latency\" class=\"chart\"></div>\n"
                + "<h2>Table</h2>\n<pre>" + escape(TuneTable.render(result)) + "</pre>\n"
                + "<script>\nconst tune = " + data + ";\n" + CHARTS + "</script>\n</body></html>\n";
    }

    private static final String CHARTS = String.join("\n",
            "const names = tune.results.map(r => r.strategy + (r.loss_free ? '' : ' (LOST)'));",
            "const tierColours = ['#2e7d32', '#5470c6', '#91a7e0', '#b0b0b0'];",
            "echarts.init(document.getElementById('throughput')).setOption({",
            "  title: {text: 'alloc+free pairs per second (median; whiskers: its 95% bootstrap interval; colour: tier)'},",
            "  tooltip: {trigger: 'axis'}, grid: {left: 90, bottom: 80},",
            "  xAxis: {type: 'category', data: names, axisLabel: {rotate: 30}}, yAxis: {type: 'value'},",
            "  series: [",
            "    {name: 'pairs/s', type: 'bar', data: tune.results.map(r => ({value: r.pairs_per_sec,",
            "       itemStyle: {color: r.loss_free ? tierColours[Math.min(r.tier, tierColours.length) - 1] : '#c62828'}}))},",
            "    {name: '95% interval', type: 'custom', data: tune.results.map((r, i) => [i, r.pairs_per_sec_low, r.pairs_per_sec_high]),",
            "     renderItem: (params, api) => { const lo = api.coord([api.value(0), api.value(1)]);",
            "       const hi = api.coord([api.value(0), api.value(2)]);",
            "       return {type: 'group', children: [",
            "         {type: 'line', shape: {x1: lo[0], y1: lo[1], x2: hi[0], y2: hi[1]}, style: {stroke: '#000'}},",
            "         {type: 'line', shape: {x1: lo[0] - 6, y1: lo[1], x2: lo[0] + 6, y2: lo[1]}, style: {stroke: '#000'}},",
            "         {type: 'line', shape: {x1: hi[0] - 6, y1: hi[1], x2: hi[0] + 6, y2: hi[1]}, style: {stroke: '#000'}}]}; }}",
            "  ]});",
            "const pct = [['alloc p50', 'alloc_p50_ns'], ['alloc p99', 'alloc_p99_ns'], ['alloc p99.9', 'alloc_p999_ns'],",
            "  ['alloc max', 'alloc_max_ns'], ['free p50', 'free_p50_ns'], ['free p99', 'free_p99_ns'],",
            "  ['free p99.9', 'free_p999_ns'], ['free max', 'free_max_ns']];",
            "echarts.init(document.getElementById('latency')).setOption({",
            "  title: {text: 'latency percentiles per strategy (ns, log scale, medians of the runs)'},",
            "  tooltip: {trigger: 'axis'}, legend: {top: 28}, grid: {left: 90, top: 80, bottom: 80},",
            "  xAxis: {type: 'category', data: names, axisLabel: {rotate: 30}}, yAxis: {type: 'log', min: 1},",
            "  series: pct.map(p => ({name: p[0], type: 'bar', data: tune.results.map(r => Math.max(1, r[p[1]]))}))",
            "});",
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
