package dev.poolstress.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.poolstress.engine.pool.Device;
import dev.poolstress.engine.pool.LockStrategies;
import dev.poolstress.engine.pool.PageFaults;
import dev.poolstress.scenarios.bench.DmapoolTest;
import dev.poolstress.scenarios.bench.DmapoolTestPool;
import dev.poolstress.scenarios.bench.LeakingStrategy;
import dev.poolstress.stress.progress.Progress;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DmapoolTestCommandTest {
    private static final Set<String> FIELDS = Set.of("size", "align", "boundary", "blocks", "legacy_us", "stack_us",
            "ratio", "legacy_alone_us", "stack_alone_us", "alone_ratio", "seed_ratio");
    private static final Pattern KERNEL_LINE =
            Pattern.compile("dmapool test: size:\\d+ *align:\\d+ *blocks:\\d+ *time:\\d+");

    @TempDir
    Path dir;

    private String runQuickly(Path json) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = PoolstressCommand.commandLine(new PrintWriter(out, true), new PrintWriter(err, true))
                .execute("bench", "dmapool-test", "--rounds", "1", "--warmup", "0", "--repeat", "1",
                        "--json", json.toString());
        assertEquals(0, code, err.toString());
        return out.toString();
    }

    @Test
    void shouldWriteOneObjectPerKernelPoolWithExactlyTheNamedFields() throws IOException {
        Path json = dir.resolve("dmapool-test.json");
        runQuickly(json);

        JsonNode array = new ObjectMapper().readTree(json.toFile());
        assertTrue(array.isArray());
        assertEquals(DmapoolTestPool.KERNEL.size(), array.size());
        for (int i = 0; i < array.size(); i++) {
            JsonNode pool = array.get(i);
            Set<String> names = new TreeSet<>();
            pool.fieldNames().forEachRemaining(names::add);
            assertEquals(new TreeSet<>(FIELDS), names);
            DmapoolTestPool expected = DmapoolTestPool.KERNEL.get(i);
            assertEquals(expected.size(), pool.get("size").asInt());
            assertEquals(expected.align(), pool.get("align").asInt());
            assertEquals(expected.boundary(), pool.get("boundary").asInt());
            assertEquals(expected.blocks(), pool.get("blocks").asInt());
        }
    }

    @Test
    void shouldGiveTheSeedRatioOnlyWhereTheSeedMeasuredOne() throws IOException {
        Path json = dir.resolve("dmapool-test.json");
        runQuickly(json);

        for (JsonNode pool : new ObjectMapper().readTree(json.toFile())) {
            if (pool.get("size").asInt() == 68) {
                assertTrue(pool.get("seed_ratio").isNull(), pool.toString());
            } else {
                assertTrue(pool.get("seed_ratio").isNumber(), pool.toString());
            }
        }
    }

    @Test
    void shouldPrintOneKernelLinePerPoolForEachAlgorithm() {
        String out = runQuickly(dir.resolve("ignored.json"));

        List<String> lines = new ArrayList<>(out.lines().filter(line -> KERNEL_LINE.matcher(line).matches()).toList());
        assertEquals(2 * DmapoolTestPool.KERNEL.size(), lines.size(), out);
        assertTrue(lines.get(0).startsWith("dmapool test: size:16   align:16   blocks:8192 time:"), lines.get(0));
    }

    @Test
    void shouldBeginAProgressStepForEachPoolsWarmUpAndEachPoolInEachRun() {
        DmapoolTest test = new DmapoolTest(LockStrategies.choose("spin-tas"), 1, 1, 2);
        ByteArrayOutputStream lines = new ByteArrayOutputStream();
        try (Progress progress = new Progress("dmapool-test", test.steps(), null,
                new PrintStream(lines, true, StandardCharsets.UTF_8), false)) {
            test.run(Device.create("progress"), progress);
        }

        List<String> said = lines.toString(StandardCharsets.UTF_8).lines().toList();
        int pools = DmapoolTestPool.KERNEL.size();
        assertEquals(3 * pools, said.size(), String.join("\n", said));
        assertTrue(said.get(0).startsWith("[dmapool-test 1/18] warm-up, pool size:16 align:16 boundary:0: elapsed "),
                said.get(0));
        assertTrue(said.get(pools).startsWith("[dmapool-test 7/18] run 1 of 2, pool size:16 "), said.get(pools));
        assertTrue(said.get(3 * pools - 1).startsWith("[dmapool-test 18/18] run 2 of 2, "), said.get(3 * pools - 1));
    }

    private static Progress quietProgress(int steps) {
        return new Progress("dmapool-test", steps, null, new PrintStream(new ByteArrayOutputStream(), true,
                StandardCharsets.UTF_8), false);
    }

    @Test
    void shouldComputeTheKernelsBlockCounts() {
        List<Integer> blocks = DmapoolTestPool.KERNEL.stream().map(DmapoolTestPool::blocks).toList();

        assertEquals(List.of(8192, 8192, 8192, 2048, 1024, 8192), blocks);
    }

    @Test
    void shouldFailAsEnomemAndLeaveNoPageBehindWhenAllocReturnsNull() {
        Device device = Device.create("enomem");
        device.injectFaults(PageFaults.afterBudget(3));

        IllegalStateException failure = assertThrows(IllegalStateException.class,
                () -> new DmapoolTest(LockStrategies.choose("spin-mcs"), 1, 0, 1).run(device, quietProgress(6)));

        assertTrue(failure.getMessage().contains("NULL (-ENOMEM)"), failure.getMessage());
        assertEquals(0, device.pagesInUse());
        assertEquals("", device.pools().lines().skip(1).reduce("", String::concat), "every pool was destroyed");
    }

    @Test
    void shouldExitOneWhenAPoolDoesNotEndEmpty() {
        StringWriter err = new StringWriter();
        int code = PoolstressCommand.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(err, true))
                .execute("bench", "dmapool-test", "--rounds", "1", "--warmup", "0", "--lock",
                        LeakingStrategy.class.getName());

        assertEquals(1, code);
        assertTrue(err.toString().contains("blocks still active"), err.toString());
    }
}
