package dev.poolstress.cli;

import dev.poolstress.engine.pool.LockStrategies;
import dev.poolstress.engine.pool.StrategyChoice;
import dev.poolstress.scenarios.catalog.Scenario;
import dev.poolstress.scenarios.catalog.ScenarioRef;
import dev.poolstress.scenarios.report.TuneHtml;
import dev.poolstress.scenarios.report.TuneJson;
import dev.poolstress.scenarios.report.TuneTable;
import dev.poolstress.scenarios.storm.Instrumentation;
import dev.poolstress.scenarios.storm.StormLimit;
import dev.poolstress.scenarios.tune.TuneResult;
import dev.poolstress.scenarios.tune.Tuner;
import dev.poolstress.stress.progress.Progress;
import dev.poolstress.stress.progress.Unfinished;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code poolstress tune}: runs a scenario under each strategy in interleaved rounds (see {@link Tuner}) within a
 * budget, prints a line per storm and the progress on stderr, then the table, the tiers and the verdict on stdout,
 * and writes the JSON and HTML reports when asked (on a signal, what had finished, marked incomplete). Exit 0 when
 * every run was loss-free, 1 when any lost or doubled a block, 2 for bad arguments.
 */
@Command(name = "tune", mixinStandardHelpOptions = true,
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:every strategy ran and lost no block",
            "1:a strategy lost a block or owned one twice, or a run broke off",
            "2:bad arguments or a bad scenario, found before anything ran",
        },
        description = {"Rank the lock strategies on a scenario in tiers the runs can tell apart and name the one to "
                + "pick; every run proves that no block was lost or owned twice.",
            "Strategies are compared by the Mann-Whitney U test on their runs and the 95%% bootstrap interval of the "
                + "ratio of their medians; measuring goes on, for the strategies still tied with the leader, until "
                + "they separate or --budget is spent."})
public final class TuneCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--scenario", paramLabel = "NAME|FILE", defaultValue = "nvme-irq",
            description = "A built-in scenario (see 'poolstress scenarios') or a scenario file (JSON). "
                    + "Default: ${DEFAULT-VALUE}.")
    String scenario;

    @Option(names = {"--strategies", "--strategy"}, paramLabel = "LIST", split = ",",
            converter = LockStrategyConverter.class, description = "Strategy ids or class names, comma-separated or "
                    + "repeated (as race and bench take them). Default: every built-in strategy.")
    List<StrategyChoice> strategies;

    @Option(names = "--duration", paramLabel = "TIME", converter = DurationConverter.class,
            description = "Length of each run, e.g. 500ms, 2s, or 17m and up to days for a soak. Default: the scenario's operation count.")
    Duration duration;

    @Option(names = "--operations", paramLabel = "N",
            description = "Allocation attempts (rounds, for a rounds scenario) per run, instead of --duration.")
    Long operations;

    @Option(names = "--runs", paramLabel = "N", defaultValue = "6",
            description = "Measured rounds over every strategy before the strategies separated from the leader "
                    + "stop being measured; with fewer than the rank test needs to separate any two strategies at "
                    + "95%% confidence (6 for the ten built-ins) only later rounds can, and a warning says so. "
                    + "Default: ${DEFAULT-VALUE}.")
    int runs;

    @Option(names = "--budget", paramLabel = "TIME", defaultValue = "2m", converter = DurationConverter.class,
            description = "How long to keep measuring: after --runs rounds over every strategy, further rounds "
                    + "measure again only the strategies the runs cannot yet separate from the leader, until the "
                    + "first tier has one strategy, or only strategies within 1.2x of the leader, or the next storm "
                    + "would overrun this. Default: ${DEFAULT-VALUE}.")
    Duration budget;

    @Option(names = {"--warmups", "--warmup"}, paramLabel = "N", defaultValue = "3",
            description = "Unmeasured storms per strategy first; after only two of 300 ms, the first measured storm "
                    + "was often ten times slower while the JIT still compiled. Default: ${DEFAULT-VALUE}.")
    int warmups;

    @Option(names = "--wait-strategy", paramLabel = "NAME",
            description = "How the device queues wait for commands, overriding the scenario: blocking, yielding, "
                    + "busy-spin or sleeping (ring scenarios).")
    String waitStrategy;

    @Option(names = "--throughput-only",
            description = "Skip the probed storms (one per strategy after the measured ones, the source of the "
                    + "latency, contention and pool-share figures); the ranking is always on storms that read no "
                    + "clock per pool call.")
    boolean throughputOnly;

    @Option(names = "--fork", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Run each strategy's storms in a JVM of its own (the default), as JMH forks, so the JIT's "
                    + "profile of one strategy never shapes another's code; --no-fork runs them all here.")
    boolean fork;

    @Option(names = "--json", paramLabel = "FILE", description = "Write the results as JSON.")
    Path json;

    @Option(names = "--html", paramLabel = "FILE", description = "Write a self-contained HTML report with charts.")
    Path html;

    @Override
    public Integer call() {
        CommandLine cmd = spec.commandLine();
        Scenario chosen;
        try {
            chosen = new ScenarioRef(scenario, waitStrategy).resolve();
        } catch (UnsupportedOperationException e) {
            throw new ParameterException(cmd, "--wait-strategy " + e.getMessage(), e);
        } catch (IllegalArgumentException e) { // the scenario's own message, or the wait strategy's
            throw new ParameterException(cmd, e.getMessage(), e);
        }
        if (strategies != null && strategies.isEmpty()) {
            throw new ParameterException(cmd, "--strategies needs at least one strategy id or class name, was '"
                    + String.join(" ", cmd.getParseResult().matchedOption("--strategies").originalStringValues())
                    + "'");
        }
        List<StrategyChoice> chosenStrategies = strategies == null ? LockStrategies.builtIns() : strategies;
        OptionBounds.requireAtLeast(cmd, "--runs", runs, 1);
        if (warmups < 0) {
            throw new ParameterException(cmd, "--warmups must not be negative, was " + warmups);
        }
        if (duration != null && operations != null) {
            throw new ParameterException(cmd, "give --duration or --operations, not both");
        }
        if (operations != null) {
            OptionBounds.requireAtLeast(cmd, "--operations", operations, 1);
        }
        OutputOptions.checkFile(cmd, "--json", json);
        OutputOptions.checkFile(cmd, "--html", html);
        StormLimit limit = duration != null ? StormLimit.duration(duration)
                : operations != null ? StormLimit.operations(operations) : null;

        PrintWriter err = cmd.getErr();
        Tuner tuner = new Tuner(err).terminal(Progress.isTerminal()).warmups(warmups)
                .instrumentation(throughputOnly ? Instrumentation.THROUGHPUT : Instrumentation.FULL)
                .forkEach(fork).budget(budget);
        Unfinished.Registration unfinished = Unfinished.register(() -> tuner.soFar().ifPresent(this::write));
        // not closed when the tune throws: a signal ends the forks, the tune fails, and the signal's hook still
        // has to write what had finished
        TuneResult result = tuner.tune(chosen, chosenStrategies, limit, runs);
        unfinished.close();

        PrintWriter out = cmd.getOut();
        out.print(TuneTable.render(result));
        out.flush();
        write(result);
        if (json != null) {
            err.println("wrote " + json);
        }
        if (html != null) {
            err.println("wrote " + html);
        }
        err.flush();
        return result.lossFree() ? 0 : 1;
    }

    /** Writes the reports asked for: at the end, or what had finished when a signal cuts the run short. */
    private void write(TuneResult result) {
        try {
            if (json != null) {
                OutputOptions.createParent(json);
                TuneJson.write(result, json);
            }
            if (html != null) {
                OutputOptions.createParent(html);
                TuneHtml.write(result, html);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report: " + e.getMessage(), e);
        }
    }
}
