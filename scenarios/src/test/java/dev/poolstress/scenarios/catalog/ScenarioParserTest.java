package dev.poolstress.scenarios.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.poolstress.engine.freelist.Algorithm;
import dev.poolstress.scenarios.storm.FaultPlan;
import dev.poolstress.scenarios.storm.IrqRouting;
import dev.poolstress.scenarios.storm.RingStormPlan;
import dev.poolstress.scenarios.storm.RoundsStormPlan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScenarioParserTest {
    private final ScenarioParser parser = new ScenarioParser();

    private static String ring(String extra) {
        return "{\"name\": \"mine\", \"description\": \"a test\", \"pools\": [{\"size\": 128}]" + extra + "}";
    }

    @Test
    void shouldReadEveryRingFieldWithItsValue() {
        Scenario s = parser.parse("{\"name\": \"mine\", \"description\": \"d\", \"cpus\": 3, \"submitters\": [0, 2],"
                + " \"pools\": [{\"name\": \"p\", \"size\": 100, \"align\": 64, \"boundary\": 4096, \"prefill\": 7}],"
                + " \"depth\": 40, \"batch\": 10, \"queues\": 2, \"serviceNanos\": 500, \"irq\": \"cpu:1\","
                + " \"poolChoice\": \"random\", \"waitStrategy\": \"sleeping\", \"faults\": {\"everyNth\": 5},"
                + " \"operations\": 777, \"algorithm\": \"legacy\", \"debug\": true}", "test");
        RingStormPlan plan = (RingStormPlan) s.plan();
        assertEquals("mine", s.name());
        assertEquals(3, plan.cpus());
        assertEquals(List.of(0, 2), plan.submitterCpus());
        assertEquals(100, plan.pools().get(0).size());
        assertEquals(64, plan.pools().get(0).align());
        assertEquals(4096, plan.pools().get(0).boundary());
        assertEquals(7, plan.pools().get(0).prefill());
        assertEquals(40, plan.depth());
        assertEquals(10, plan.batch());
        assertEquals(2, plan.queues());
        assertEquals(500, plan.serviceNanos());
        assertEquals(IrqRouting.fixed(1), plan.irq());
        assertTrue(plan.randomPool());
        assertEquals("sleeping", plan.waitStrategy());
        assertEquals(FaultPlan.Kind.EVERY_NTH, plan.faults().kind());
        assertEquals(5, plan.faults().n());
        assertEquals(777, plan.operations());
        assertEquals(Algorithm.LEGACY, plan.algorithm());
        assertTrue(plan.debug());
    }

    @Test
    void shouldPutSubmittersOnEveryCpuByDefault() {
        RingStormPlan plan = (RingStormPlan) parser.parse(ring(", \"cpus\": 4"), "test").plan();
        assertEquals(List.of(0, 1, 2, 3), plan.submitterCpus());
        assertEquals(IrqRouting.submitter(), plan.irq());
    }

    @Test
    void shouldGiveRoundsPoolsTheKernelTestBlockCounts() {
        RoundsStormPlan plan = (RoundsStormPlan) parser.parse("{\"name\": \"r\", \"description\": \"d\","
                + " \"kind\": \"rounds\", \"pools\": [{\"size\": 16}, {\"size\": 1024}, {\"size\": 4096},"
                + " {\"size\": 68, \"blocks\": 10}]}", "test").plan();
        assertEquals(List.of(8192, 2048, 1024, 10), plan.blocks());
        assertEquals(100, plan.rounds());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "{\"name\": \"x\", |ends at line 1, column 14 before the JSON is complete",
        "{\"name\": \"x\" \"description\": 1}|not valid JSON at line 1, column 14: Unexpected character",
        "{\"name\": \"x\", \"description\": \"d\", \"pools\": [{\"size\": 8}]} {}|line 1, column 59: more text after the scenario's closing brace",
        "{\"name\": \"x\", \"description\": \"d\", \"pools\": [{\"size\": 8}]} trailing|line 1, column 59: more text after",
        "{\"name\": \"x\", \"description\": \"d\", \"pools\": [{\"size\": 8}], \"depth\": 4, \"depth\": 8}|line 1, column 78: duplicate key 'depth'; give each key once",
        "{\"name\": \"x\", \"description\": \"d\", \"pools\": [{\"size\": 8}], \"faults\": {\"everyNth\": 2, \"probability\": 0.5}}|faults.probability cannot be given with everyNth",
        "{\"name\": \"x\", \"description\": \"d\", \"pools\": [{\"size\": 8}], \"faults\": {\"afterBudget\": 2, \"seed\": 5}}|faults.seed is the seed of probability's draws",
        "{\"name\": \"x\", \"description\": \"d\", \"kind\": \"rounds\", \"pools\": [{\"size\": 8, \"prefill\": 4}]}|pools[0].prefill is for ring scenarios only",
        "{\"name\": \"x\", \"description\": \"d\", \"pools\": [{\"size\": 2147483647}]}|pools[0].size: 2147483647-byte blocks with 64 in flight (submitters x depth) need at least 128.0 GiB of device memory in all, more than this JVM's limit of",
        "{\"name\": \"x\", \"description\": \"d\", \"pools\": [{\"size\": 4096, \"prefill\": 16777216}]}|pools[0].prefill: 4096-byte blocks with a prefill of 16777216 need at least 64.0 GiB",
        "{\"name\": \"x\", \"description\": \"d\", \"kind\": \"rounds\", \"threads\": 4, \"pools\": [{\"size\": 4096, \"blocks\": 16777216}]}|pools[0].blocks: 4096-byte blocks with 4 thread(s) x 16777216 per round need at least 256.0 GiB",
        "[1, 2]|must be a JSON object",
        "{\"description\": \"d\", \"pools\": [{\"size\": 1}]}|name is required",
        "{\"name\": \"x\", \"description\": \"d\", \"pools\": []}|pools must be a non-empty array",
        "{\"name\": \"x\", \"description\": \"d\", \"pools\": [{\"align\": 8}]}|pools[0].size is required",
        "{\"name\": \"x\", \"description\": \"d\", \"pools\": [{\"size\": \"big\"}]}|pools[0].size must be an integer",
        "{\"name\": \"x\", \"description\": \"d\", \"pools\": [{\"size\": 8}], \"dept\": 3}|dept is not a known field",
        "{\"name\": \"x\", \"description\": \"d\", \"pools\": [{\"size\": 8}], \"depth\": 4, \"batch\": 8}|need 1 <= batch <= depth",
        "{\"name\": \"x\", \"description\": \"d\", \"pools\": [{\"size\": 8}], \"irq\": \"cpu:9\"}|irq CPU must be between 0 and 1",
        "{\"name\": \"x\", \"description\": \"d\", \"pools\": [{\"size\": 8}], \"irq\": \"elsewhere\"}|irq must be submitter, spread, random or cpu:N",
        "{\"name\": \"x\", \"description\": \"d\", \"pools\": [{\"size\": 8}], \"waitStrategy\": \"nap\"}|wait strategy must be one of",
        "{\"name\": \"x\", \"description\": \"d\", \"pools\": [{\"size\": 8}], \"submitters\": [5]}|submitters must hold CPU numbers between 0 and 1",
        "{\"name\": \"x\", \"description\": \"d\", \"pools\": [{\"size\": 8}], \"faults\": {\"probability\": 2}}|faults.probability must be between 0 and 1, was 2.0",
        "{\"name\": \"x\", \"description\": \"d\", \"pools\": [{\"size\": 8, \"boundary\": 3}]}|boundary must be a power of two",
        "{\"name\": \"x\", \"description\": \"d\", \"kind\": \"bursts\", \"pools\": [{\"size\": 8}]}|kind must be ring or rounds",
        "{\"name\": \"x\", \"description\": \"d\", \"kind\": \"rounds\", \"depth\": 3, \"pools\": [{\"size\": 8}]}|depth is not a known field",
        "{\"name\": \"x\", \"description\": \"d\", \"pools\": [{\"size\": 8, \"blocks\": 5}]}|pools[0].blocks is for rounds scenarios only",
    })
    void shouldNameWhatIsWrongInABadScenario(String text, String expected) {
        ScenarioException e = assertThrows(ScenarioException.class, () -> parser.parse(text, "bad.json"));
        assertTrue(e.getMessage().startsWith("bad.json: "), e.getMessage());
        assertTrue(e.getMessage().contains(expected), () -> "'" + e.getMessage() + "' does not say '" + expected + "'");
        assertEquals(1, e.getMessage().lines().count(), "a one-line message");
    }

    @Test
    void shouldListEachKindsFieldsUnderItsNameAndTheKindsInTheKindRow() {
        List<String> table = ScenarioParser.fieldTable();

        assertEquals("  kind                ring (Disruptor storm) | rounds (alloc-all, free-all) [ring]", table.get(2));
        assertEquals(List.of("rounds only:", "  threads, rounds     threads at once, run length in rounds [1, 100]"),
                table.subList(table.size() - 2, table.size()));
        for (ScenarioKind<?, ?> kind : ScenarioParser.KINDS) {
            int heading = table.indexOf(kind.name() + " only:");
            assertTrue(heading > 0, kind + " has no section");
            for (String field : kind.fieldNames()) {
                assertTrue(table.subList(heading, table.size()).stream().anyMatch(l -> l.matches(
                        "  (\\S+, )*" + field + "(, \\S+)* .*")), field + " is not in the " + kind + " section");
            }
        }
    }

    @Test
    void shouldFindEveryRegisteredKindByItsName() {
        for (ScenarioKind<?, ?> kind : ScenarioParser.KINDS) {
            String text = "{\"name\": \"k\", \"description\": \"d\", \"kind\": \"" + kind.name()
                    + "\", \"pools\": [{\"size\": 64}]}";
            assertEquals(kind, parser.parse(text, "test").kind());
        }
        assertEquals("ring", parser.parse(ring(""), "test").kind().name(), "ring is the default");
    }

    @Test
    void shouldOverrideTheWaitStrategyOnlyOfAKindThatHasOne() {
        Scenario nvme = new Catalog().builtIn("nvme-irq");
        Scenario rounds = new Catalog().builtIn("dmapool-test");

        assertEquals("busy-spin", ((RingStormPlan) nvme.withWaitStrategy("busy-spin").plan()).waitStrategy());
        String message = assertThrows(UnsupportedOperationException.class, () -> rounds.withWaitStrategy("busy-spin"))
                .getMessage();
        assertEquals("applies to ring scenarios; dmapool-test is a rounds scenario", message);
        for (Scenario s : new Catalog().builtIns()) {
            boolean waits = s.kind().has(ScenarioKind.WAIT_STRATEGY);
            assertEquals(waits, s.plan().withWaitStrategy("blocking").isPresent(), s.name());
        }
    }

    @Test
    void shouldSayAFaultPlanInPlainEnglish() {
        assertEquals("every page fails", new FaultPlan(FaultPlan.Kind.EVERY_NTH, 1, 0, 0).toString());
        assertEquals("every 2nd page fails", new FaultPlan(FaultPlan.Kind.EVERY_NTH, 2, 0, 0).toString());
        assertEquals("every 3rd page fails", new FaultPlan(FaultPlan.Kind.EVERY_NTH, 3, 0, 0).toString());
        assertEquals("every 11th page fails", new FaultPlan(FaultPlan.Kind.EVERY_NTH, 11, 0, 0).toString());
        assertEquals("every 21st page fails", new FaultPlan(FaultPlan.Kind.EVERY_NTH, 21, 0, 0).toString());
    }

    @Test
    void shouldAcceptAUtf8ByteOrderMark(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bom.json");
        Files.write(file, ("\uFEFF" + ring("")).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertEquals("mine", new Catalog().resolve(file.toString()).name());
    }

    @Test
    void shouldSayABinaryFileIsNotUtf8Text(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("garbage.json");
        Files.write(file, new byte[] {'{', ' ', (byte) 0xC3, (byte) 0x28, 0, 1, 2});
        String message = assertThrows(ScenarioException.class, () -> new Catalog().resolve(file.toString()))
                .getMessage();
        assertEquals(file + ": is not UTF-8 text (byte 2 of 7 cannot be read); a scenario file is JSON", message);
    }

    @Test
    void shouldResolveBuiltInsByNameAndFilesByPath(@TempDir Path dir) throws Exception {
        Catalog catalog = new Catalog();
        for (String name : Catalog.BUILT_INS) {
            assertEquals(name, catalog.resolve(name).name());
        }
        Path file = dir.resolve("mine.json");
        Files.writeString(file, ring(""));
        assertEquals("mine", catalog.resolve(file.toString()).name());
        assertEquals(file.toString(), catalog.resolve(file.toString()).source());
    }

    @Test
    void shouldRejectAnUnknownScenarioNamingTheBuiltIns() {
        ScenarioException e = assertThrows(ScenarioException.class, () -> new Catalog().resolve("nvme-irk"));
        assertTrue(e.getMessage().contains("unknown scenario 'nvme-irk'"), e.getMessage());
        assertTrue(e.getMessage().contains("nvme-irq"), e.getMessage());
    }

    @Test
    void shouldSayAScenarioFileIsMissingOrADirectory(@TempDir Path dir) {
        Catalog catalog = new Catalog();

        String missing = assertThrows(ScenarioException.class,
                () -> catalog.resolve(dir.resolve("gone.json").toString())).getMessage();
        String directory = assertThrows(ScenarioException.class, () -> catalog.resolve(dir.toString())).getMessage();

        assertTrue(missing.startsWith("no scenario file '" + dir.resolve("gone.json") + "'"), missing);
        assertTrue(directory.contains("is a directory"), directory);
    }

    @Test
    void shouldShipTheSeedsMicroBenchmarkPools() {
        RoundsStormPlan plan = (RoundsStormPlan) new Catalog().builtIn("dmapool-test").plan();
        assertEquals(List.of(16, 64, 256, 1024, 4096, 68),
                plan.pools().stream().map(p -> p.size()).collect(java.util.stream.Collectors.toList()));
        assertEquals(List.of(16, 64, 256, 1024, 4096, 32),
                plan.pools().stream().map(p -> p.align()).collect(java.util.stream.Collectors.toList()));
        assertEquals(4096, plan.pools().get(5).boundary());
        assertEquals(List.of(8192, 8192, 8192, 2048, 1024, 8192), plan.blocks());
    }
}
