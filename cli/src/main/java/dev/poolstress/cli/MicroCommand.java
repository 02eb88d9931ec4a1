package dev.poolstress.cli;

import dev.poolstress.engine.pool.LockStrategies;
import dev.poolstress.engine.pool.StrategyChoice;
import dev.poolstress.scenarios.bench.BenchProgress;
import dev.poolstress.scenarios.bench.MagazineTable;
import dev.poolstress.scenarios.bench.MicroTable;
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
import dev.poolstress.stress.progress.Unfinished;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatFactory;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.NoBenchmarksException;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.Unmatched;

/**
 * {@code poolstress bench micro}: JMH over alloc+free pairs of 64-byte blocks, every strategy and every baseline
 * in one run with the gc profiler on, then the table of ratios. Defaults are short; {@code --quick} is a smoke run.
 * JMH's own options ({@code -f -wi -i -r -w -t -p -prof -jvmArgs ...}) go to JMH's {@link CommandLineOptions} as
 * the parent of the options built here, so anything JMH takes works, and a setting given both ways is refused.
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
            "--include PerCpuSizing runs the percpu sizing grid instead (capacity/batch of the per-CPU magazines, "
                    + "local and remote topologies); the default run leaves it out.",
            "JMH's own options pass through to JMH, after -- or directly: e.g. 'bench micro -f 2 -wi 3 -i 5 -r 2s -t 2 "
                    + "-prof stack' or 'bench micro -- -p strategy=percpu Floor'; '-- -h' prints JMH's options and "
                    + "'-- -l' lists the benchmarks. One setting given both ways (--forks and -f, --warmup and -wi, "
                    + "--iterations and -i, --time and -r/-w, --include and a JMH regex, --strategy and -p strategy, "
                    + "--magazine and -p magazine, --json and -rf/-rff) is an error.",
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
    private List<StrategyChoice> strategies;

    @Option(names = "--magazine", paramLabel = "CAPACITY/BATCH", converter = MagazineSizeConverter.class,
            description = "A per-CPU magazine size for the PerCpuSizing benchmarks, e.g. 64/32; repeatable (default: "
                    + "8/4 to 256/128 at batch = capacity/2, and 64/16, 64/64).")
    private List<String> magazines;

    @Option(names = "--include", paramLabel = "REGEX",
            description = "Only the benchmarks whose name matches, e.g. 'Strategy|Floor' (default: all but "
                    + "PerCpuSizing).")
    private String include;

    @Option(names = "--json", paramLabel = "FILE", description = "Write JMH's JSON result to FILE.")
    private Path json;

    /** Everything not ours, in order: options and benchmark regexes for JMH itself, as its own jar takes them. */
    @Unmatched
    private final List<String> jmhArgs = new ArrayList<>();

    @Override
    public Integer call() throws RunnerException, IOException {
        CommandLineOptions jmh = jmhOptions();
        if (jmh.shouldHelp() || jmh.shouldListProfilers() || jmh.shouldListResultFormats()) {
            // what JMH's own jar prints for these; its help and lists go to standard output
            if (jmh.shouldHelp()) {
                jmh.showHelp();
            }
            if (jmh.shouldListProfilers()) {
                jmh.listProfilers();
            }
            if (jmh.shouldListResultFormats()) {
                jmh.listResultFormats();
            }
            return 0;
        }
        Options built = options(jmh);
        if (jmh.shouldList() || jmh.shouldListWithParams()) {
            if (jmh.shouldListWithParams()) {
                new Runner(built).listWithParams(jmh);
            } else {
                new Runner(built).list();
            }
            return 0;
        }
        Collection<RunResult> results;
        BenchProgress progress = new BenchProgress(OutputFormatFactory.createFormatInstance(System.out,
                built.verbosity().orElse(VerboseMode.NORMAL)), built, System.out);
        // on a signal, the benchmarks that finished go to --json, marked incomplete (see Unfinished)
        Unfinished.Registration unfinished = Unfinished.register(() -> {
            if (json != null) {
                progress.writeUnfinished(json);
            }
        });
        boolean ours;
        try {
            results = new Runner(built, progress).run();
        } catch (NoBenchmarksException e) {
            String what = include != null ? "--include '" + include + "'" : "the benchmark regex "
                    + String.join(" ", jmh.getIncludes());
            throw new ParameterException(spec.commandLine(), what + " matched no benchmark; "
                    + "the benchmarks are " + BENCHMARKS.stream().map(Class::getSimpleName)
                    .collect(Collectors.joining(", ")));
        } finally {
            ours = unfinished.withdraw();
        }
        if (!ours) {
            return 1; // a signal ended JMH's fork, and its hook writes what had finished
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
            // written here rather than by JMH, so that a signal's incomplete file is never overwritten by JMH's
            OutputOptions.createParent(json);
            ResultFormatFactory.getInstance(ResultFormatType.JSON, json.toString()).writeOut(results);
            out.println("wrote JMH's JSON result to " + json);
        }
        out.flush();
        return 0;
    }

    /**
     * The options JMH runs with: JMH's own command line as the parent, our defaults and options over it. A setting
     * given both ways, or fewer than one fork, is a bad argument.
     */
    Options options(CommandLineOptions jmh) {
        refuseBoth("--forks", forks != null, "-f", jmh.getForkCount().hasValue());
        refuseBoth("--warmup", warmup != null, "-wi", jmh.getWarmupIterations().hasValue());
        refuseBoth("--iterations", iterations != null, "-i", jmh.getMeasurementIterations().hasValue());
        refuseBoth("--time", time != null, "-r/-w", jmh.getMeasurementTime().hasValue()
                || jmh.getWarmupTime().hasValue());
        refuseBoth("--include", include != null, "benchmark regex", !jmh.getIncludes().isEmpty());
        refuseBoth("--strategy", strategies != null, "-p strategy=", jmh.getParameter("strategy").hasValue());
        refuseBoth("--magazine", magazines != null, "-p " + MagazineTable.PARAM + "=",
                jmh.getParameter(MagazineTable.PARAM).hasValue());
        refuseBoth("--json", json != null, "-rf/-rff", jmh.getResult().hasValue()
                || jmh.getResultFormat().hasValue());
        // in-process runs share one JIT profile: never trusted, from either option
        int forkCount = atLeast(forks != null ? "--forks" : "-f", forks != null ? forks
                : jmh.getForkCount().orElse(1), 1);
        int warmupCount = atLeast(warmup != null ? "--warmup" : "-wi", warmup != null ? warmup
                : jmh.getWarmupIterations().orElse(quick ? 1 : 3), 0);
        int iterationCount = atLeast(iterations != null ? "--iterations" : "-i", iterations != null ? iterations
                : jmh.getMeasurementIterations().orElse(quick ? 2 : 5), 1);
        TimeValue iterationTime = time != null ? time : quick ? TimeValue.milliseconds(100) : TimeValue.seconds(1);
        if (include != null) {
            try {
                Pattern.compile(include);
            } catch (PatternSyntaxException e) {
                throw new ParameterException(spec.commandLine(), "--include must be a regular expression: "
                        + e.getDescription() + " in '" + include + "'");
            }
        }
        List<String> ids = strategies != null ? strategies.stream().map(StrategyChoice::name).toList()
                : LockStrategies.builtInIds();
        OutputOptions.checkFile(spec.commandLine(), "--json", json);

        // what is set here overrides JMH's options (the parent); the checks above make sure it never hides one
        List<String> jvmArgsAppend = new ArrayList<>(jmh.getJvmArgsAppend().orElse(List.of()));
        // benchmark threads find their virtual CPU as the storms' bound workers do (see CpuThreadExecutor)
        jvmArgsAppend.addAll(List.of("-Djmh.executor=CUSTOM", "-Djmh.executor.class="
                + CpuThreadExecutor.class.getName()));
        ChainedOptionsBuilder options = new OptionsBuilder()
                .parent(jmh)
                .forks(forkCount)
                .warmupIterations(warmupCount)
                .warmupTime(jmh.getWarmupTime().orElse(iterationTime))
                .measurementIterations(iterationCount)
                .measurementTime(jmh.getMeasurementTime().orElse(iterationTime))
                .addProfiler(GCProfiler.class)
                .jvmArgsAppend(jvmArgsAppend.toArray(String[]::new))
                .shouldFailOnError(jmh.shouldFailOnError().orElse(true));
        if (jmh.getIncludes().isEmpty()) {
            options.include(include != null ? PACKAGE + ".*(" + include + ")" : PACKAGE);
        }
        if (include == null && jmh.getIncludes().isEmpty()) {
            options.exclude(PACKAGE + SIZING);
        }
        if (!jmh.getParameter("strategy").hasValue()) {
            options.param("strategy", ids.toArray(String[]::new));
        }
        if (magazines != null) {
            options.param(MagazineTable.PARAM, magazines.toArray(String[]::new));
        }
        return options.build();
    }

    /** JMH's own command line, parsed as its jar parses it; a bad JMH option is a bad argument of ours. */
    CommandLineOptions jmhOptions() {
        try {
            return new CommandLineOptions(jmhArgs.toArray(String[]::new));
        } catch (CommandLineOptionException e) {
            throw new ParameterException(spec.commandLine(), "JMH's options '" + String.join(" ", jmhArgs) + "': "
                    + e.getMessage() + " (JMH's options: "
                    + "'poolstress bench micro -- -h')");
        }
    }

    private void refuseBoth(String ours, boolean oursGiven, String jmhs, boolean jmhGiven) {
        if (oursGiven && jmhGiven) {
            throw new ParameterException(spec.commandLine(), ours + " and JMH's " + jmhs + " set the same thing; "
                    + "give one of them");
        }
    }

    private int atLeast(String option, int value, int least) {
        OptionBounds.requireAtLeast(spec.commandLine(), option, value, least);
        return value;
    }

    /** A per-CPU magazine size as the sizing benchmarks read it, checked before any benchmark starts. */
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
