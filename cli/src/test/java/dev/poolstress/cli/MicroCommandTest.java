package dev.poolstress.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.poolstress.scenarios.bench.BenchProgress;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.ProfilerConfig;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;
import picocli.CommandLine;

class MicroCommandTest {
    /** The options JMH would run with for these arguments; nothing is run. */
    private static Options options(String... args) {
        MicroCommand micro = new MicroCommand();
        new CommandLine(micro).parseArgs(args);
        return micro.options(micro.jmhOptions());
    }

    private static String refused(String... args) {
        StringWriter err = new StringWriter();
        String[] full = new String[args.length + 2];
        full[0] = "bench";
        full[1] = "micro";
        System.arraycopy(args, 0, full, 2, args.length);
        int code = PoolstressCommand.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(err, true))
                .execute(full);
        assertEquals(2, code, err::toString);
        return err.toString();
    }

    @Test
    void shouldHandJmhsOwnOptionsToJmhWithOrWithoutTheSeparator() {
        Options o = options("-f", "2", "-wi", "4", "-i", "6", "-r", "200ms", "-w", "300ms", "-t", "2", "--",
                "-prof", "stack", "-p", "strategy=percpu", "-tu", "ns", "Floor");

        assertEquals(2, o.getForkCount().get());
        assertEquals(4, o.getWarmupIterations().get());
        assertEquals(6, o.getMeasurementIterations().get());
        assertEquals(TimeValue.milliseconds(200), o.getMeasurementTime().get());
        assertEquals(TimeValue.milliseconds(300), o.getWarmupTime().get());
        assertEquals(2, o.getThreads().get());
        assertEquals(TimeUnit.NANOSECONDS, o.getTimeUnit().get());
        List<String> profilers = o.getProfilers().stream().map(ProfilerConfig::getKlass).toList();
        assertTrue(profilers.contains("stack"), profilers::toString);
        assertTrue(profilers.contains(GCProfiler.class.getName()), "ours stays on: " + profilers);
        assertEquals(List.of("percpu"), List.copyOf(o.getParameter("strategy").get()));
        assertEquals(List.of("Floor"), o.getIncludes());
    }

    @Test
    void shouldKeepItsOwnDefaultsAndTheCpuExecutorBesideJmhsJvmArguments() {
        Options o = options("-jvmArgsAppend", "-Dx=1");

        assertEquals(1, o.getForkCount().get());
        assertEquals(3, o.getWarmupIterations().get());
        assertEquals(5, o.getMeasurementIterations().get());
        assertTrue(o.getExcludes().stream().anyMatch(e -> e.endsWith("PerCpuSizing")), o.getExcludes()::toString);
        List<String> append = List.copyOf(o.getJvmArgsAppend().get());
        assertTrue(append.contains("-Dx=1") && append.contains("-Djmh.executor=CUSTOM"), append::toString);
    }

    @Test
    void shouldCountEachBenchmarkOncePerParameterCombinationForItsProgress() {
        int one = progress("-p", "strategy=percpu", "StrategyPair").total();
        int two = progress("-p", "strategy=percpu,spin-mcs", "StrategyPair").total();

        assertTrue(one > 0);
        assertEquals(2 * one, two);
    }

    @Test
    void shouldWriteTheFinishedBenchmarksMarkedIncomplete(@TempDir Path dir) throws Exception {
        BenchProgress progress = progress("Floor");
        Path json = dir.resolve("micro.json");

        progress.writeUnfinished(json);

        JsonNode root = new ObjectMapper().readTree(json.toFile());
        assertTrue(root.get("incomplete").asBoolean());
        assertEquals(0, root.get("finished").asInt());
        assertEquals(progress.total(), root.get("of").asInt());
        assertTrue(root.get("benchmarks").isArray());
    }

    private static BenchProgress progress(String... args) {
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        return new BenchProgress(OutputFormatFactory.createFormatInstance(quiet, VerboseMode.SILENT), options(args),
                quiet);
    }

    @Test
    void shouldRefuseASettingGivenBothWays() {
        assertTrue(refused("--forks", "2", "-f", "3").contains("--forks and JMH's -f"));
        assertTrue(refused("--warmup", "1", "--", "-wi", "2").contains("--warmup and JMH's -wi"));
        assertTrue(refused("--time", "1s", "-w", "2s").contains("--time and JMH's -r/-w"));
        assertTrue(refused("--include", "Floor", "Floor").contains("--include and JMH's benchmark regex"));
        assertTrue(refused("--strategy", "percpu", "-p", "strategy=spin-mcs").contains("--strategy"));
    }

    @Test
    void shouldRefuseABadJmhOptionOrAnInProcessRunBeforeRunningAnything() {
        assertTrue(refused("--", "-nosuch").contains("JMH's options '-nosuch'"));
        assertTrue(refused("-f", "0").contains("-f must be at least 1"));
    }
}
