package dev.poolstress.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.poolstress.engine.pool.StrategyChoice;
import dev.poolstress.scenarios.storm.DoubleHandingStrategy;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

class TuneCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(Object command, String... args) {
        CommandLine cmd = new CommandLine(command);
        cmd.setOut(new PrintWriter(out));
        cmd.setErr(new PrintWriter(err));
        return cmd.execute(args);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "--scenario=nvme-irk|unknown scenario 'nvme-irk'",
        "--strategies=spin-mcs,spin-mystery|unknown lock strategy 'spin-mystery'",
        "--strategies=com.example.Missing|lock strategy class 'com.example.Missing' cannot be loaded",
        "--duration=2x|malformed duration '2x'",
        "--duration=0s|malformed duration '0s'",
        "--runs=0|--runs must be at least 1",
        "--wait-strategy=nap|wait strategy must be one of blocking, yielding, busy-spin, sleeping",
        "--scenario=dmapool-test --wait-strategy=busy-spin|--wait-strategy applies to ring scenarios; dmapool-test is a rounds scenario",
    })
    void shouldRejectBadArgumentsWithExitTwoAndOneLineNamingTheProblem(String args, String expected) {
        int code = run(new TuneCommand(), args.split(" "));

        assertEquals(2, code);
        String first = err.toString().lines().findFirst().orElse("");
        assertTrue(first.contains(expected), () -> "first line '" + first + "' does not say '" + expected + "'");
    }

    @Test
    void shouldTakeStrategiesRepeatedAsRaceDoesOrCommaSeparated() {
        TuneCommand repeated = new TuneCommand();
        new CommandLine(repeated).parseArgs("--strategy", "percpu", "--strategy", "lockfree", "--warmup", "2");
        TuneCommand listed = new TuneCommand();
        new CommandLine(listed).parseArgs("--strategies", "percpu,lockfree");

        assertEquals(List.of("percpu", "lockfree"), repeated.strategies.stream().map(StrategyChoice::name).toList());
        assertEquals(repeated.strategies, listed.strategies);
        assertEquals(2, repeated.warmups);
    }

    @Test
    void shouldRejectAScenarioFileThatDoesNotParse(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("broken.json");
        Files.writeString(file, "{\"name\": \"b\", \"description\": \"d\", \"pools\": [{\"size\": -4}]}");

        assertEquals(2, run(new TuneCommand(), "--scenario", file.toString()));
        String first = err.toString().lines().findFirst().orElse("");
        assertTrue(first.contains("pools[0].size must be an integer between 1"), first);
        assertEquals(2, run(new ScenariosCommand(), file.toString()));
    }

    @Test
    void shouldRankLossFreeStrategiesAndWriteJsonAndSelfContainedHtml(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("tune.json");
        Path html = dir.resolve("tune.html");

        int code = run(new TuneCommand(), "--scenario", "irq-remote", "--strategies", "spin-mcs,percpu",
                "--wait-strategy", "blocking", "--operations", "3000", "--runs", "3", "--warmups", "0", "--budget", "1ms",
                "--json", json.toString(),
                "--html", html.toString());

        assertEquals(0, code, err::toString);
        // per strategy: 3 ranked storms, a probed warm-up and a probed storm
        assertEquals(10, err.toString().lines().filter(l -> l.startsWith("[tune] irq-remote")).count(), err::toString);
        assertEquals(6, err.toString().lines().filter(l -> l.startsWith("[tune] irq-remote") && l.contains(" run ")
                && !l.contains("alloc p99")).count(), "ranked storms read no clock, so they show no latency");
        assertTrue(out.toString().contains("tier 1: "), out::toString);
        JsonNode root = new ObjectMapper().readTree(json.toFile());
        assertEquals("irq-remote", root.get("scenario").asText());
        assertTrue(root.get("complete").asBoolean());
        String recommended = root.get("recommended").asText();
        assertTrue(recommended.equals("spin-mcs") || recommended.equals("percpu"), recommended);
        assertEquals(2, root.get("results").size());
        JsonNode verdict = root.get("verdict");
        assertEquals(recommended, verdict.get("pick").asText());
        assertEquals(recommended, verdict.get("tiers").get(0).get(0).asText());
        assertTrue(verdict.get("confidence").asDouble() > 0, verdict::toString);
        for (JsonNode r : root.get("results")) {
            for (String field : new String[] {"strategy", "pairs_per_sec", "pairs_per_sec_low", "pairs_per_sec_high",
                "tier", "pool_share", "alloc_p50_ns", "alloc_p99_ns", "free_p99_ns", "lost", "double_owned"}) {
                assertTrue(r.has(field), "missing " + field);
            }
            assertEquals(0, r.get("lost").asLong());
            assertEquals(0, r.get("double_owned").asLong());
            assertEquals(3, r.get("runs").size());
            assertEquals(1, r.get("probed_runs").size());
            assertFalse(r.get("runs").get(0).has("alloc_p99_ns"), "a ranked storm measured no latency");
            assertTrue(r.get("probed_runs").get(0).get("alloc_p99_ns").asLong() > 0, r::toString);
            assertTrue(r.get("pairs_per_sec").asLong() > 0);
            assertTrue(r.get("pairs_per_sec_low").asLong() <= r.get("pairs_per_sec").asLong());
            assertTrue(r.get("pool_share").asDouble() > 0 && r.get("pool_share").asDouble() <= 1, r::toString);
        }
        String page = Files.readString(html);
        assertTrue(page.contains("echarts.init(document.getElementById('throughput'))"));
        assertTrue(page.contains("echarts.init(document.getElementById('latency'))"));
        assertTrue(page.contains("95% bootstrap interval"), "the chart's whiskers are the intervals");
        assertFalse(page.matches("(?s).*<script[^>]*\\bsrc=.*"), "the page must not load scripts from elsewhere");
        assertTrue(page.length() > 500_000, "ECharts is inlined");
    }

    @Test
    void shouldExitNonZeroAndNameTheDoubledBlocksWhenAStrategyIsBroken(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("tune.json");

        int code = run(new TuneCommand(), "--scenario", "irq-remote", "--strategies",
                "spin-ticket," + DoubleHandingStrategy.class.getName(), "--operations", "2000", "--runs", "3",
                "--warmups", "0", "--json", json.toString());

        assertEquals(1, code);
        assertTrue(out.toString().contains("owned twice"), out::toString);
        JsonNode root = new ObjectMapper().readTree(json.toFile());
        assertEquals("spin-ticket", root.get("recommended").asText());
        JsonNode broken = root.get("results").get(1);
        assertFalse(broken.get("loss_free").asBoolean());
        assertTrue(broken.get("double_owned").asLong() > 0);
    }

    @Test
    void shouldListEveryBuiltInScenario() {
        assertEquals(0, run(new ScenariosCommand()));
        for (String name : dev.poolstress.scenarios.catalog.Catalog.BUILT_INS) {
            assertTrue(out.toString().lines().anyMatch(l -> l.startsWith(name + " ")), name + " not listed");
        }
    }

    @Test
    void shouldListABuiltInNamedAsAFileArgumentOnce() {
        assertEquals(0, run(new ScenariosCommand(), "nvme-irq", "nvme-irq"));

        assertEquals(1, out.toString().lines().filter(l -> l.startsWith("nvme-irq ")).count(), out.toString());
    }
}
