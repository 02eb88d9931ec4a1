package dev.poolstress.scenarios.bench;

import dev.poolstress.engine.LockStrategies;
import dev.poolstress.scenarios.bench.micro.CommonsPoolBenchmark;
import dev.poolstress.scenarios.bench.micro.CpuThreadExecutor;
import dev.poolstress.scenarios.bench.micro.FloorBenchmark;
import dev.poolstress.scenarios.bench.micro.LockedDequeBenchmark;
import dev.poolstress.scenarios.bench.micro.MagazineSize;
import dev.poolstress.scenarios.bench.micro.MpmcQueueBenchmark;
import dev.poolstress.scenarios.bench.micro.NettyPooledBenchmark;
import dev.poolstress.scenarios.bench.micro.PerCpuSizingLocalBenchmark;
import dev.poolstress.scenarios.bench.micro.PerCpuSizingRemoteBenchmark;
import dev.poolstress.scenarios.bench.micro.StrategyPairBenchmark;
import dev.poolstress.scenarios.cli.LockStrategyConverter;
import dev.poolstress.scenarios.cli.OptionBounds;
import dev.poolstress.stress.output.OutputPath;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.NoBenchmarksException;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code poolstress bench micro}: JMH over alloc+free pairs of 64-byte blocks, every strategy and every baseline
 * in one run with the gc profiler on, then the table of ratios. Defaults are short; {@code --quick} is a smoke run.
 */
@Command(name = "micro", mixinStandardHelpOptions = true,
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the benchmarks ran",
            "1:JMH failed",
            "2:bad arguments, found before anything ran",
        },
        description = {
            "JMH benchmarks of one alloc+free pair of 64-byte blocks: every lock strategy (stack pool) with 1 and 2 "
                    + "threads, and the baselines: a bare long[] stack (the floor, 1 thread), the floor with 2 and 4 "
                    + "uncontended CAS per pair (the floors of the atomics), ArrayDeque+ReentrantLock,"
                    + " JCTools MpmcArrayQueue, Netty PooledByteBufAllocator, commons-pool2 GenericObjectPool.",
            "JMH's gc profiler reports the bytes allocated per pair.",
            "--include PerCpuSizing runs the percpu sizing grid instead (capacity/batch of the per-CPU stacks, local "
                    + "and remote topologies); the default run leaves it out.",
        },
        sortOptions = false)
public final class MicroCommand implements Callable<Integer> {
    private static final List<Class<?>> BENCHMARKS = List.of(StrategyPairBenchmark.class, FloorBenchmark.class,
            LockedDequeBenchmark.class, MpmcQueueBenchmark.class, NettyPooledBenchmark.class,
            CommonsPoolBenchmark.class, PerCpuSizingLocalBenchmark.class, PerCpuSizingRemoteBenchmark.class);
    /** The sizing grid is a study of its own, many times longer than the comparison: run only when asked for. */
    private static final String SIZING = "PerCpuSizing";
    private static final String PACKAGE = Pattern.quote(StrategyPairBenchmark.class.getPackageName() + ".");

    @Spec
    private CommandSpec spec;

    @Option(names = "--forks", paramLabel = "N", description = "JVM forks per benchmark (default: 1).")
    private Integer forks;

    @Option(names = "--warmup", paramLabel = "N", description = "Warm-up iterations (default: 3; --quick: 1).")
    private Integer warmup;

    @Option(names = "--iterations", paramLabel = "N", description = "Measured iterations (default: 5; --quick: 2).")
    private Integer iterations;

    @Option(names = "--time", paramLabel = "TIME", converter = TimeValueConverter.class,
            description = "Length of each iteration, e.g. 1s, 500ms (default: 1s; --quick: 100ms).")
    private TimeValue time;

    @Option(names = "--quick", description = "A smoke run: 1 warm-up and 2 measured iterations of 100 ms.")
    private boolean quick;

    @Option(names = "--strategy", paramLabel = "ID|CLASS", converter = LockStrategyConverter.class,
            description = "A lock strategy to measure; repeatable (default: every built-in one).")
    private List<String> strategies;

    @Option(names = "--magazine", paramLabel = "CAPACITY/BATCH", converter = MagazineSizeConverter.class,
            description = "A per-CPU stack size for the PerCpuSizing benchmarks, e.g. 64/32; repeatable (default: "
                    + "8/4 to 256/128 at batch = capacity/2, and 64/16, 64/64).")
    private List<String> magazines;

    @Option(names = "--include", paramLabel = "REGEX",
            description = "Only the benchmarks whose name matches, e.g. 'Strategy|Floor' (default: all but "
                    + "PerCpuSizing).")
    private String include;

    @Option(names = "--json", paramLabel = "FILE", description = "Write JMH's JSON result to FILE.")
    private Path json;


    @Override
    public Integer call() throws RunnerException, IOException {
        int forkCount = atLeast("--forks", forks, 1, 1); // in-process runs share one JIT profile: never trusted
        int warmupCount = atLeast("--warmup", warmup, quick ? 1 : 3, 0);
        int iterationCount = atLeast("--iterations", iterations, quick ? 2 : 5, 1);
        TimeValue iterationTime = time != null ? time : quick ? TimeValue.milliseconds(100) : TimeValue.seconds(1);
        if (include != null) {
            try {
                Pattern.compile(include);
            } catch (PatternSyntaxException e) {
                throw new ParameterException(spec.commandLine(), "--include must be a regular expression: "
                        + e.getDescription() + " in '" + include + "'");
            }
        }
        List<String> ids = strategies != null ? strategies : LockStrategies.builtInIds();
        OutputPath.checkFile(spec.commandLine(), "--json", json);

        ChainedOptionsBuilder options = new OptionsBuilder()
                .include(include != null ? PACKAGE + ".*(" + include + ")" : PACKAGE)
                .param("strategy", ids.toArray(String[]::new))
                .forks(forkCount)
                .warmupIterations(warmupCount)
                .warmupTime(iterationTime)
                .measurementIterations(iterationCount)
                .measurementTime(iterationTime)
                .addProfiler(GCProfiler.class)
                // benchmark threads find their virtual CPU as the storms' bound workers do (see CpuThreadExecutor)
                .jvmArgsAppend("-Djmh.executor=CUSTOM",
                        "-Djmh.executor.class=" + CpuThreadExecutor.class.getName())
                .shouldFailOnError(true);
        if (include == null) {
            options.exclude(PACKAGE + SIZING);
        }
        if (magazines != null) {
            options.param(MagazineTable.PARAM, magazines.toArray(String[]::new));
        }
        if (json != null) {
            OutputPath.createParent(json); // JMH writes the file itself, after the run
            options.resultFormat(ResultFormatType.JSON).result(json.toString());
        }
        Collection<RunResult> results;
        try {
            results = new Runner(options.build()).run();
        } catch (NoBenchmarksException e) {
            throw new ParameterException(spec.commandLine(), "--include '" + include + "' matched no benchmark; "
                    + "the benchmarks are " + BENCHMARKS.stream().map(Class::getSimpleName)
                    .collect(Collectors.joining(", ")));
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println();
        MicroTable comparison = new MicroTable(results);
        if (!comparison.rows().isEmpty()) {
            comparison.print(out);
        }
        MagazineTable sizing = new MagazineTable(results);
        if (!sizing.isEmpty()) {
            if (!comparison.rows().isEmpty()) {
                out.println();
            }
            sizing.print(out);
        }
        if (json != null) {
            out.println("wrote JMH's JSON result to " + json);
        }
        out.flush();
        return 0;
    }

    private int atLeast(String option, Integer value, int fallback, int least) {
        int chosen = value != null ? value : fallback;
        OptionBounds.requireAtLeast(spec.commandLine(), option, chosen, least);
        return chosen;
    }

    /** A per-CPU stack size as the sizing benchmarks read it, checked before any benchmark starts. */
    static final class MagazineSizeConverter implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            try {
                MagazineSize.parse(value);
                return value;
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /** JMH's own time syntax: a number and a unit (ns, us, ms, s, m, min, hr, day). */
    static final class TimeValueConverter implements ITypeConverter<TimeValue> {
        @Override
        public TimeValue convert(String value) {
            try {
                TimeValue parsed = TimeValue.fromString(value);
                if (parsed.getTime() <= 0) {
                    throw new TypeConversionException("'" + value + "' must be a positive duration such as 1s or "
                            + "500ms");
                }
                return parsed;
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("'" + value + "' is not a duration: expected a number and a unit, "
                        + "such as 1s or 500ms");
            }
        }
    }
}
