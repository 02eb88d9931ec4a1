package dev.poolstress.cli;

import dev.poolstress.engine.freelist.Algorithm;
import dev.poolstress.stress.broken.Catalog;
import dev.poolstress.stress.progress.Progress;
import dev.poolstress.stress.progress.Unfinished;
import dev.poolstress.stress.runner.CatalogScore;
import dev.poolstress.stress.runner.Durations;
import dev.poolstress.stress.runner.JUnitXml;
import dev.poolstress.stress.runner.JcstressRun;
import dev.poolstress.stress.runner.RaceRequest;
import dev.poolstress.stress.runner.RaceResult;
import dev.poolstress.stress.runner.RaceRunner;
import dev.poolstress.stress.runner.Shard;
import dev.poolstress.stress.runner.Strategies;
import dev.poolstress.stress.runner.Suite;
import dev.poolstress.stress.runner.Tier;
import dev.poolstress.stress.runner.Verdict;
import dev.poolstress.stress.runner.VerdictTable;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;
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
    /** The ci tier's recorded test durations, relative to a checkout's root. */
    static final Path CI_DURATIONS = Path.of("ci", "race-durations.tsv");

    @Option(names = "--strategy", paramLabel = "ID|CLASS", completionCandidates = BuiltInStrategies.class,
            description = "a built-in id (${COMPLETION-CANDIDATES}) "
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

    @Option(names = "--list", description = "print the suite's tests (property, tiers) and the tiers, then exit")
    private boolean list;

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

    @Override
    public Integer call() throws Exception {
        if (list) {
            out.print(listing());
            return PASSED;
        }
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
        try {
            return catalog ? catalog(request) : race(request);
        } catch (InterruptedException e) {
            if (JcstressRun.shuttingDown()) {
                return FAILED; // a signal: the hook ends the forks, then the race's writer reports what had finished
            }
            throw e;
        }
    }

    private int race(RaceRequest request) throws IOException, InterruptedException {
        List<Verdict> finished = new CopyOnWriteArrayList<>();
        RaceResult result;
        Unfinished.Registration interrupted = Unfinished.register(() -> writeInterrupted(request, finished));
        try {
            result = new RaceRunner(out, etaDurations(request), finished).run(request);
        } catch (IOException | InterruptedException | RuntimeException e) {
            if (!JcstressRun.shuttingDown()) { // on a signal the hook still has to call the writer
                interrupted.close();
            }
            throw e;
        }
        interrupted.close(); // from here on the results are written the normal way
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
            JUnitXml.write(junit, suiteName(request), request.shard(), result.verdicts(), null);
            out.println("JUnit XML: " + junit.toAbsolutePath());
        }
        out.printf("wall time: %ds%n", result.wallTime().toSeconds());
        out.println(result.passed() ? "race: PASSED" : "race: FAILED");
        return result.passed() ? PASSED : FAILED;
    }

    /**
     * On a signal, after the forks were ended: the verdict table of the jobs that had finished, and the JUnit XML of
     * those verdicts marked incomplete.
     */
    private void writeInterrupted(RaceRequest request, List<Verdict> finished) {
        int planned = RaceRunner.plan(request).size();
        String note = "interrupted by a signal: " + finished.size() + " of " + planned + " tests finished; the rest "
                + "did not run";
        if (!finished.isEmpty()) {
            out.println();
            out.print(VerdictTable.render(finished));
        }
        out.println("race: " + note);
        writeIncompleteJUnit(suiteName(request), request.shard(), finished, note);
        out.flush();
    }

    /** The signal's JUnit XML, when {@code --junit} asked for it: {@code verdicts} and the note on what is missing. */
    private void writeIncompleteJUnit(String suite, Shard shard, List<Verdict> verdicts, String note) {
        if (junit == null) {
            return;
        }
        try {
            JUnitXml.write(junit, suite, shard, verdicts, note);
        } catch (IOException e) {
            throw new UncheckedIOException("--junit " + junit + ": " + e.getMessage(), e);
        }
        out.println("JUnit XML (incomplete): " + junit.toAbsolutePath());
    }

    /**
     * On a signal during {@code --catalog}, after the forks were ended: the score of the runs that had finished and of
     * the broken strategies the cut-short run had graded (the others count as "not run"), and the JUnit XML of the
     * strategies graded in every run so far, marked incomplete.
     */
    private void writeInterruptedCatalog(RaceRequest request, List<List<Verdict>> done, List<Verdict> current) {
        List<List<Verdict>> soFar;
        List<Verdict> cut;
        synchronized (done) {
            soFar = new ArrayList<>(done);
            cut = List.copyOf(current);
        }
        String note = "interrupted by a signal in catalog run " + (soFar.size() + 1) + " of " + runs + " after "
                + cut.size() + " of " + RaceRunner.plan(request).size() + " tests; the rest did not run";
        if (!cut.isEmpty()) {
            soFar.add(cut);
        }
        if (!soFar.isEmpty()) {
            out.println();
            out.print(CatalogScore.render(soFar));
        }
        out.println("race --catalog: " + note);
        writeIncompleteJUnit(catalogSuiteName(request), Shard.WHOLE, CatalogScore.asVerdictsOfRaced(soFar), note);
        out.flush();
    }

    private static String catalogSuiteName(RaceRequest request) {
        return "poolstress-race-catalog-" + request.tier().name().toLowerCase(Locale.ROOT);
    }

    private static String suiteName(RaceRequest request) {
        return "poolstress-race-" + request.tier().name().toLowerCase(Locale.ROOT);
    }

    /** The durations to estimate the time left by: --durations, else the ci tier's record when run from a checkout. */
    private Durations etaDurations(RaceRequest request) {
        if (request.durations() != Durations.NONE || !Files.isRegularFile(CI_DURATIONS)) {
            return request.durations();
        }
        try {
            return Durations.load(CI_DURATIONS);
        } catch (IllegalArgumentException e) {
            return Durations.NONE; // only the estimate is lost
        }
    }

    /** The suite's tests with their property and tiers, then the tiers: what {@code --list} prints. */
    static String listing() {
        StringBuilder text = new StringBuilder("tests (property; tiers):\n");
        for (Suite.Test test : Suite.TESTS) {
            List<String> tiers = Arrays.stream(Tier.values()).filter(t -> t.tests().contains(test))
                    .map(t -> t.name().toLowerCase(Locale.ROOT)).toList();
            text.append(String.format("  %-36s %-11s %s%n", test.simpleName(), test.property(),
                    String.join(", ", tiers)));
        }
        text.append("tiers:\n");
        for (Tier tier : Tier.values()) {
            text.append(String.format("  %-8s %d tests, algorithms %s, jcstress %s, a run times out after %s%n",
                    tier.name().toLowerCase(Locale.ROOT), tier.tests().size(),
                    tier.algorithms().stream().map(Algorithm::id).collect(Collectors.joining(", ")),
                    String.join(" ", tier.jcstressArgs()), Progress.format(tier.runTimeout().toNanos())));
        }
        return text.toString();
    }

    /** Races the catalog {@code runs} times, each run's reports in a directory of its own, and prints the score. */
    private int catalog(RaceRequest request) throws Exception {
        List<List<Verdict>> all = new ArrayList<>();
        List<Verdict> current = new CopyOnWriteArrayList<>();
        Unfinished.Registration interrupted = Unfinished.register(() -> writeInterruptedCatalog(request, all,
                current));
        long start = System.nanoTime();
        for (int run = 1; run <= runs; run++) {
            RaceRequest thisRun = runs == 1 ? request : new RaceRequest(request.strategies(),
                    request.userClasspath(), request.tests(), request.tier(), request.shard(),
                    request.reportDir().resolve("run-" + run), true, request.stallLimit(),
                    request.durations());
            if (runs > 1) {
                out.printf("catalog run %d of %d%n", run, runs);
            }
            List<Verdict> verdicts = new RaceRunner(out, Durations.NONE, current).run(thisRun).verdicts();
            synchronized (all) { // the signal's writer must see this run either as current or as done
                all.add(verdicts);
                current.clear();
            }
        }
        interrupted.close(); // not reached when a run throws: on a signal the hook still has to call the writer
        out.println();
        if (junit != null) {
            JUnitXml.write(junit, catalogSuiteName(request), Shard.WHOLE, CatalogScore.asVerdicts(all), null);
            out.println("JUnit XML: " + junit.toAbsolutePath());
        }
        out.printf("wall time: %ds%n", Duration.ofNanos(System.nanoTime() - start).toSeconds());
        out.println();
        out.print(CatalogScore.render(all));
        return CatalogScore.caughtInEveryRun(all) == Catalog.ENTRIES.size() ? PASSED : FAILED;
    }

    /** Checks every argument; throws {@link IllegalArgumentException} with a one-line message on the first bad one. */
    RaceRequest request() {
        Tier chosenTier = option("--tier ", () -> Tier.parse(tier));
        Optional<Shard> bazel = Shard.fromBazel(env);
        Shard chosenShard = shard != null ? option("--shard ", () -> Shard.parse(shard)) : bazel.orElse(Shard.WHOLE);
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
        OutputOptions.checkFile("--junit", junit);
        OutputOptions.checkDirectory("--report-dir", reportDir);
        List<Path> userClasspath = option("--classpath ", () -> Strategies.classpath(classpath));
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
            chosen = option("--strategy: ", () -> Strategies.resolve(strategies, userClasspath));
        }
        return new RaceRequest(chosen, userClasspath, regex, chosenTier, chosenShard, reportDir, catalog,
                Duration.ofSeconds(stallAfter), durations == null ? Durations.NONE
                        : option("--durations ", () -> Durations.load(durations)));
    }

    /** Reads one option's value; the library's message, which names no option, is prefixed with {@code option}. */
    private static <T> T option(String option, Supplier<T> read) {
        try {
            return read.get();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + e.getMessage(), e);
        }
    }
}
