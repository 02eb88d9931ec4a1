package dev.poolstress.stress.runner;

import dev.poolstress.stress.broken.Catalog;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
        description = {"Run the jcstress suite against lock strategies: a verdict per strategy and property, "
                + "jcstress's HTML report, JUnit XML for CI.",
                "Exit 0 only if every selected test ran and passed; 1 on a forbidden outcome, error, time-out or "
                        + "empty selection; 2 on a bad argument."})
public final class RaceCommand implements Callable<Integer> {
    public static final int PASSED = 0;
    public static final int FAILED = 1;
    public static final int BAD_ARGUMENT = 2;

    @Option(names = "--strategy", paramLabel = "ID|CLASS", description = "a built-in id ("
            + "spin-tas, spin-ttas, spin-ticket, spin-mcs, reentrant, reentrant-fair, synchronized, percpu, lockfree) "
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

    @Option(names = "--shard", paramLabel = "I/N", defaultValue = "1/1",
            description = "run only the I-th of N equal parts of the work (default: ${DEFAULT-VALUE})")
    private String shard;

    @Option(names = "--junit", paramLabel = "FILE", description = "write JUnit XML: one test case per test and "
            + "strategy")
    private Path junit;

    @Option(names = "--report-dir", paramLabel = "DIR", defaultValue = "target/race",
            description = "where jcstress's reports and logs go (default: ${DEFAULT-VALUE})")
    private Path reportDir;

    @Option(names = "--catalog", description = "race the deliberately broken strategies instead and print the "
            + "suite's score; exit 0 only if every one is caught")
    private boolean catalog;

    @Spec
    private CommandSpec spec;

    private final PrintStream out;
    private final PrintStream err;

    public RaceCommand() {
        this(System.out, System.err);
    }

    public RaceCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
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
        int selected = RaceRunner.plan(request).size();
        if (selected == 0) {
            err.println(spec.qualifiedName() + ": the selection matched nothing"
                    + (tests != null ? " (--tests '" + tests + "')" : "")
                    + (request.shard().count() > 1 ? " in shard " + request.shard() : "") + "; the suite's tests: "
                    + String.join(", ", Suite.TESTS.stream().map(Suite.Test::simpleName).toList()));
            return FAILED;
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
            if (catalog) {
                JUnitXml.write(junit, "poolstress-race-catalog", CatalogScore.asVerdicts(result.verdicts()));
            } else {
                JUnitXml.write(junit, "poolstress-race", result.verdicts());
            }
            out.println("JUnit XML: " + junit.toAbsolutePath());
        }
        out.printf("wall time: %ds%n", result.wallTime().toSeconds());
        if (catalog) {
            out.println();
            out.print(CatalogScore.render(result.verdicts()));
            return CatalogScore.caught(result.verdicts()) == Catalog.ENTRIES.size() ? PASSED : FAILED;
        }
        out.println(result.passed() ? "race: PASSED" : "race: FAILED");
        return result.passed() ? PASSED : FAILED;
    }

    /** Checks every argument; throws {@link IllegalArgumentException} with a one-line message on the first bad one. */
    RaceRequest request() {
        Tier chosenTier = Tier.parse(tier);
        Shard chosenShard = Shard.parse(shard);
        Pattern regex = null;
        if (tests != null) {
            try {
                regex = Pattern.compile(tests, Pattern.CASE_INSENSITIVE);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("--tests must be a Java regular expression, was '" + tests + "' ("
                        + e.getDescription() + ")", e);
            }
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
        return new RaceRequest(chosen, userClasspath, regex, chosenTier, chosenShard, reportDir, catalog);
    }
}
