package dev.poolstress.stress.runner;

import dev.poolstress.stress.broken.Catalog;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code poolstress race}: runs the jcstress suite against lock strategies and gates on the result. Exit 0 only if
 * every selected test ran and passed (with {@code --catalog}: only if every broken strategy was caught); 1 on a
 * forbidden outcome, an error, a time-out or a selection that matched nothing; 2 on a bad argument, before anything
 * runs.
 */
@Command(name = "race", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Run the jcstress suite against lock strategies: a verdict per strategy and property, "
                + "jcstress's HTML report, JUnit XML for CI.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:every selected test ran and passed (with --catalog: every broken strategy was caught)",
            "1:a forbidden outcome, an error, a stall, a time-out or a selection that matched nothing",
            "2:a bad argument, found before anything ran",
        })
public final class RaceCommand implements Callable<Integer> {
    public static final int PASSED = 0;
    public static final int FAILED = 1;
    public static final int BAD_ARGUMENT = 2;

    @Option(names = "--strategy", paramLabel = "ID|CLASS", description = "a built-in id ("
            + "spin-tas, spin-ttas, spin-ticket, spin-mcs, reentrant, reentrant-fair, synchronized, percpu, lockfree, "
            + "thread-cache) "
            + "or your class implementing dev.poolstress.engine.LockStrategy; repeatable; default: every built-in")
    private List<String> strategies = new ArrayList<>();

    @Option(names = "--classpath", paramLabel = "PATH", description = "jars or class directories holding your "
            + "strategy, added to every forked JVM")
    private String classpath;

    @Option(names = "--tests", paramLabel = "REGEX", description = "only the suite tests whose class name "
            + "matches, ignoring case (e.g. ownership, Irq)")
    private String tests;

    @Option(names = "--tier", paramLabel = "ci|nightly|full", defaultValue = "ci",
            description = "how hard to drive jcstress (default: ${DEFAULT-VALUE})")
    private String tier;

    @Option(names = "--shard", paramLabel = "I/N", description = "run only the I-th of N parts of the work, "
            + "packed by --durations; default: Bazel's TEST_SHARD_INDEX/TEST_TOTAL_SHARDS if set, else 1/1")
    private String shard;

    @Option(names = "--durations", paramLabel = "FILE", description = "measured test durations to pack shards by "
            + "(every race writes its own as durations.tsv in --report-dir; ci/race-durations.tsv holds the ci "
            + "tier's)")
    private Path durations;

    @Option(names = "--junit", paramLabel = "FILE", description = "write JUnit XML: one test case per test and "
            + "strategy")
    private Path junit;

    @Option(names = "--report-dir", paramLabel = "DIR", defaultValue = "target/race",
            description = "where jcstress's reports and logs go (default: ${DEFAULT-VALUE})")
    private Path reportDir;

    @Option(names = "--catalog", description = "race the deliberately broken strategies instead and print the "
            + "suite's score; exit 0 only if every one is caught")
    private boolean catalog;

    @Option(names = "--runs", paramLabel = "N", defaultValue = "1", description = "with --catalog: race the "
            + "catalog N times and score each entry by the runs that caught it; exit 0 only if every run caught "
            + "every entry (default: ${DEFAULT-VALUE})")
    private int runs;

    @Option(names = "--stall-after", paramLabel = "SECONDS", defaultValue = "60", description = "a test whose "
            + "jcstress fork reports nothing for this long is STALLED: named, its fork ended, the other tests go on "
            + "(default: ${DEFAULT-VALUE})")
    private int stallAfter;

    @Spec
    private CommandSpec spec;

    private final PrintStream out;
    private final PrintStream err;

    public RaceCommand() {
        this(System.out, System.err);
    }

    private final Map<String, String> env;

    public RaceCommand(PrintStream out, PrintStream err) {
        this(out, err, System.getenv());
    }

    /** @param env the environment, where Bazel passes the shard */
    public RaceCommand(PrintStream out, PrintStream err, Map<String, String> env) {
        this.out = out;
        this.err = err;
        this.env = env;
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new RaceCommand()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        RaceRequest request;
        try {
            request = request();
        } catch (IllegalArgumentException e) {
            // the one-line form the rest of the command line uses
            String command = spec.qualifiedName();
            err.println(command + ": " + e.getMessage() + " (see '" + command + " --help')");
            return BAD_ARGUMENT;
        }
        String statusFile = env.get(Shard.BAZEL_STATUS_FILE);
        if (statusFile != null && !statusFile.isEmpty()) {
            Files.write(Path.of(statusFile), new byte[0]); // tells Bazel this test honours its sharding
        }
        int selected = RaceRunner.plan(request).size();
        if (selected == 0) {
            err.println(spec.qualifiedName() + ": the selection matched nothing"
                    + (tests != null ? " (--tests '" + tests + "')" : "")
                    + (request.shard().count() > 1 ? " in shard " + request.shard() : "") + "; the suite's tests: "
                    + String.join(", ", Suite.TESTS.stream().map(Suite.Test::simpleName).toList()));
            return FAILED;
        }
        if (catalog) {
            return catalog(request);
        }
        RaceResult result = new RaceRunner(out).run(request);
        out.println();
        out.print(VerdictTable.render(result.verdicts()));
        for (Verdict v : result.verdicts()) {
            if (!v.passed()) {
                out.printf("%s %s: %s: %s%n", v.subject(), v.test().simpleName(), v.status().label(), v.summary());
            }
        }
        out.println();
        for (Path report : result.htmlReports()) {
            out.println("jcstress report: " + report);
        }
        if (junit != null) {
            JUnitXml.write(junit, "poolstress-race-" + request.tier().name().toLowerCase(Locale.ROOT), request.shard(),
                    result.verdicts());
            out.println("JUnit XML: " + junit.toAbsolutePath());
        }
        out.printf("wall time: %ds%n", result.wallTime().toSeconds());
        out.println(result.passed() ? "race: PASSED" : "race: FAILED");
        return result.passed() ? PASSED : FAILED;
    }

    /** Races the catalog {@code runs} times, each run's reports in a directory of its own, and prints the score. */
    private int catalog(RaceRequest request) throws Exception {
        List<List<Verdict>> all = new ArrayList<>();
        long start = System.nanoTime();
        for (int run = 1; run <= runs; run++) {
            RaceRequest thisRun = runs == 1 ? request : new RaceRequest(request.strategies(),
                    request.userClasspath(), request.tests(), request.tier(), request.shard(),
                    request.reportDir().resolve("run-" + run), true, request.stallLimit(),
                    request.durations());
            if (runs > 1) {
                out.printf("catalog run %d of %d%n", run, runs);
            }
            all.add(new RaceRunner(out).run(thisRun).verdicts());
        }
        out.println();
        if (junit != null) {
            JUnitXml.write(junit, "poolstress-race-catalog-" + request.tier().name().toLowerCase(Locale.ROOT),
                    Shard.WHOLE, CatalogScore.asVerdicts(all));
            out.println("JUnit XML: " + junit.toAbsolutePath());
        }
        out.printf("wall time: %ds%n", Duration.ofNanos(System.nanoTime() - start).toSeconds());
        out.println();
        out.print(CatalogScore.render(all));
        return CatalogScore.caughtInEveryRun(all) == Catalog.ENTRIES.size() ? PASSED : FAILED;
    }

    /** Checks every argument; throws {@link IllegalArgumentException} with a one-line message on the first bad one. */
    RaceRequest request() {
        Tier chosenTier = Tier.parse(tier);
        Optional<Shard> bazel = Shard.fromBazel(env);
        Shard chosenShard = shard != null ? Shard.parse(shard) : bazel.orElse(Shard.WHOLE);
        if (shard != null && bazel.isPresent() && !bazel.get().equals(chosenShard)) {
            throw new IllegalArgumentException("--shard " + shard + " disagrees with Bazel's shard " + bazel.get()
                    + " (" + Shard.BAZEL_INDEX + " counts from 0)");
        }
        Pattern regex = null;
        if (tests != null) {
            try {
                regex = Pattern.compile(tests, Pattern.CASE_INSENSITIVE);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("--tests must be a Java regular expression, was '" + tests + "' ("
                        + e.getDescription() + ")", e);
            }
        }
        if (runs < 1 || runs > 100) {
            throw new IllegalArgumentException("--runs must be 1 to 100, was " + runs);
        }
        if (runs > 1 && !catalog) {
            throw new IllegalArgumentException("--runs repeats the catalog score; use it with --catalog");
        }
        if (stallAfter < 1) {
            throw new IllegalArgumentException("--stall-after must be at least 1 second, was " + stallAfter);
        }
        List<Path> userClasspath = Strategies.classpath(classpath);
        List<String> chosen;
        if (catalog) {
            if (chosenShard.count() > 1) {
                throw new IllegalArgumentException("--catalog scores every broken strategy at once, so --shard cannot "
                        + "split it (was " + shard + "); run the catalog in one job");
            }
            if (!strategies.isEmpty()) {
                throw new IllegalArgumentException("--catalog races the broken strategies; leave out --strategy, was "
                        + strategies);
            }
            chosen = Strategies.catalog();
        } else {
            chosen = Strategies.resolve(strategies, userClasspath);
        }
        return new RaceRequest(chosen, userClasspath, regex, chosenTier, chosenShard, reportDir, catalog,
                Duration.ofSeconds(stallAfter), durations == null ? Durations.NONE : Durations.load(durations));
    }
}
