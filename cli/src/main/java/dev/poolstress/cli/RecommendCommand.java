package dev.poolstress.cli;

import dev.poolstress.engine.pool.LockStrategies;
import dev.poolstress.scenarios.catalog.Scenario;
import dev.poolstress.scenarios.catalog.ScenarioException;
import dev.poolstress.scenarios.catalog.ScenarioRef;
import dev.poolstress.scenarios.report.TuneTable;
import dev.poolstress.scenarios.storm.StormLimit;
import dev.poolstress.scenarios.tune.TuneResult;
import dev.poolstress.scenarios.tune.Tuner;
import dev.poolstress.stress.progress.Progress;
import dev.poolstress.stress.progress.Unfinished;
import dev.poolstress.stress.runner.Durations;
import dev.poolstress.stress.runner.RaceRequest;
import dev.poolstress.stress.runner.RaceResult;
import dev.poolstress.stress.runner.RaceRunner;
import dev.poolstress.stress.runner.Shard;
import dev.poolstress.stress.runner.Tier;
import dev.poolstress.stress.runner.Verdict;
import dev.poolstress.stress.runner.VerdictTable;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code poolstress recommend}, the main job: a short adaptive tune of a scenario over every built-in strategy (see
 * {@link Tuner}: rounds over all of them, then rounds over the ones still tied with the leader, within
 * {@code --budget}), then a race check of the pick (the ci tier's jcstress tests), ending with the pick, the tier it
 * shares with the strategies the runs could not separate from it, and how sure that is. Exit 0 when the tune was
 * loss-free and the race check passed, 1 otherwise.
 */
@Command(name = "recommend", mixinStandardHelpOptions = true,
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:a pick, loss-free in the tune and passing its race check",
            "1:no strategy came through the tune loss-free, or the pick failed its race check",
            "2:bad arguments, found before anything ran",
        },
        description = {"The main job: a short tune of a scenario over every built-in strategy, measuring again the "
                + "strategies still tied with the leader until they separate or --budget is spent, then a race "
                + "check (the ci tier's jcstress tests) of the pick; ends with the pick and the strategies in its "
                + "tier.",
            "For real decisions use 'poolstress tune' with longer runs and 'poolstress race' on every strategy."})
public final class RecommendCommand implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--scenario", paramLabel = "NAME|FILE", defaultValue = "irq-remote",
            description = "A built-in scenario or a scenario file. Default: ${DEFAULT-VALUE}, whose two busy "
                    + "threads a 2-core machine runs at once (nvme-irq's three are time-sliced there, and their runs "
                    + "spread until nothing separates).")
    String scenario;

    @Option(names = "--duration", paramLabel = "TIME", defaultValue = "200ms", converter = DurationConverter.class,
            description = "Length of each measured run. Default: ${DEFAULT-VALUE}.")
    Duration duration;

    @Option(names = "--runs", paramLabel = "N", defaultValue = "6",
            description = "Measured rounds over every strategy before the ones separated from the leader stop "
                    + "being measured; strategies are compared on all their runs by "
                    + "rank (Mann-Whitney U) and by the interval of the ratio of medians, so one run the OS "
                    + "scheduled badly cannot decide the pick. The rank test needs 6 to separate any two of the "
                    + "ten built-ins; with fewer a warning says so. Default: ${DEFAULT-VALUE}.")
    int runs;

    @Option(names = "--budget", paramLabel = "TIME", defaultValue = "60s", converter = DurationConverter.class,
            description = "How long the tune may take, its JVMs' start, warm-ups and probed storms included; the "
                    + "race check comes after it (about a minute on 2 cores), so the whole job stays under 3 "
                    + "minutes with the first build. Default: ${DEFAULT-VALUE}.")
    Duration budget;

    @Option(names = "--report-dir", paramLabel = "DIR", defaultValue = "target/race",
            description = "Where jcstress's report goes. Default: ${DEFAULT-VALUE}.")
    Path reportDir;

    @Override
    public Integer call() throws Exception {
        CommandLine cmd = spec.commandLine();
        OptionBounds.requireAtLeast(cmd, "--runs", runs, 1);
        Scenario chosen;
        try {
            chosen = new ScenarioRef(scenario, null).resolve();
        } catch (ScenarioException e) {
            throw new ParameterException(cmd, e.getMessage(), e);
        }
        PrintWriter out = cmd.getOut();
        PrintWriter err = cmd.getErr();

        err.printf("recommend 1/2: tune %s, every built-in strategy, at least %d storm(s) of %d ms each, within %d s%n",
                chosen.name(), runs, duration.toMillis(), budget.toSeconds());
        err.flush();
        Tuner tuner = new Tuner(err).terminal(Progress.isTerminal()).forkEach(true).budget(budget);
        // on a signal, the storms that had finished are printed, marked incomplete (see Unfinished)
        Unfinished.Registration tuning = Unfinished.register(() -> tuner.soFar().ifPresent(result -> {
            out.print(TuneTable.render(result));
            out.println("recommend: interrupted during the tune; no pick was made");
            out.flush();
        }));
        TuneResult tuned = tuner.tune(chosen, LockStrategies.builtIns(), StormLimit.duration(duration), runs);
        tuning.close();
        out.print(TuneTable.render(tuned));
        out.flush();
        if (!tuned.lossFree() || tuned.recommended().isEmpty()) {
            out.println("recommend: no strategy came through the tune loss-free; see the findings above");
            return 1;
        }
        String pick = tuned.recommended().get();

        err.printf("%nrecommend 2/2: race %s through the ci tier's jcstress tests%n", pick);
        err.flush();
        RaceRequest request = new RaceRequest(List.of(pick), List.of(), null, Tier.CI, Shard.WHOLE, reportDir,
                false);
        List<Verdict> checked = new CopyOnWriteArrayList<>();
        Unfinished.Registration racing = Unfinished.register(() -> {
            out.println();
            out.print(VerdictTable.render(checked));
            out.printf("recommend: interrupted during the race check of %s after %d of %d tests; no pick was made%n",
                    pick, checked.size(), RaceRunner.plan(request).size());
            out.flush();
        });
        RaceResult raced = new RaceRunner(System.out, Durations.NONE, checked).run(request);
        racing.close();
        out.println();
        out.print(VerdictTable.render(raced.verdicts()));
        long ok = raced.verdicts().stream().filter(v -> v.passed()).count();
        if (!raced.passed()) {
            out.printf("recommend: %s failed the race check (%d of %d properties OK); see %s%n", pick, ok,
                    raced.verdicts().size(), reportDir);
            return 1;
        }
        List<String> tier = tuned.verdict().topTier();
        String race = String.format("race-free in %d of %d jcstress properties of the ci tier", ok,
                raced.verdicts().size());
        if (!tuned.verdict().separable() && tier.size() > 1) {
            out.printf("%nNothing is separable on %s in this budget: any of the %d strategies serves (a longer "
                    + "'poolstress tune' can tell them apart); %s, the one the data leans to, is %s.%n",
                    chosen.name(), tier.size(), pick, race);
        } else {
            out.printf("%nPick %s for %s: %s; %s%n", pick, chosen.name(), race, tier.size() == 1
                    ? "the runs put it alone in the first tier."
                    : "the runs cannot separate it from " + String.join(", ", tier.subList(1, tier.size()))
                            + " (the first tier), so any of them serves; only " + pick + " was race-checked.");
        }
        tuned.machine().warning(chosen.name()).ifPresent(out::println);
        return 0;
    }
}
