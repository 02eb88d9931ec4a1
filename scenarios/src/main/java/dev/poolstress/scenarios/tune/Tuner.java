package dev.poolstress.scenarios.tune;

import dev.poolstress.engine.pool.StrategyChoice;
import dev.poolstress.scenarios.catalog.Scenario;
import dev.poolstress.scenarios.catalog.ScenarioRef;
import dev.poolstress.scenarios.storm.Instrumentation;
import dev.poolstress.scenarios.storm.StormLimit;
import dev.poolstress.scenarios.storm.StormResult;
import dev.poolstress.stress.progress.Progress;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Runs one scenario under each strategy until the ranking is settled or the budget is spent. Every strategy gets a
 * {@link Bench} of its own for the whole session (a JVM of its own when forking) and warm-up storms first (for the
 * JIT, not measured); then the measured storms go round the strategies one at a time, in rounds, each storm on a
 * fresh device and ending with its loss proof. Interleaving is the point: a burst of load from outside the run, on a
 * machine that is not quiet, slows whichever strategy is running, and in turns it slows all of them alike rather
 * than ranking the strategy measured during a build last.
 *
 * <p>The strategies are ranked on storms that read no clock per pool call ({@link Instrumentation#THROUGHPUT}): the
 * probes' eight clock reads per pair cost a fast strategy a larger share than a slow one and level them (percpu ran
 * nvme-irq at 11.9 M pairs/s unprobed and 2.3-2.8 M probed). After {@code runs} rounds, each round measures again
 * only the strategies the {@link Verdict} cannot yet separate from the leader, and the rounds end when the first
 * tier has one strategy left, when all the others in it are within {@link Verdict#MARGIN} of the leader (no run
 * could split them off), or when the next storm would overrun the budget. Last, unless only throughput was asked for,
 * each strategy runs one probed storm after one probed warm-up: its latencies, contention and pool share.
 *
 * <p>From Java: {@code new Tuner(new PrintWriter(System.err, true)).budget(Duration.ofSeconds(45)).tune(catalog.builtIn("nvme-irq"),
 * LockStrategies.builtIns(), StormLimit.duration(Duration.ofMillis(300)), 3)}.
 */
public final class Tuner {
    private final PrintStream out;
    private boolean terminal;
    private int warmups = 3;
    private Instrumentation probes = Instrumentation.FULL;
    private boolean forking;
    private Duration budget = Duration.ZERO;
    /** What has been measured so far, for {@link #soFar()}; guarded by {@code this}. */
    private Session session;

    /** @param out receives a line per storm and the progress (strategy k of n, elapsed, ETA) */
    public Tuner(PrintWriter out) {
        this.out = new PrintStream(new ByteArrayOutputStream() {
            @Override
            public synchronized void flush() {
                out.write(toString(StandardCharsets.UTF_8));
                out.flush();
                reset();
            }
        }, true, StandardCharsets.UTF_8);
    }

    /** Redraws the progress in place, for a terminal; off by default (a line per event, as in a CI log). */
    public Tuner terminal(boolean terminal) {
        this.terminal = terminal;
        return this;
    }

    /** Unmeasured storms per strategy before its measured ones; 3 by default (after fewer, the JIT was still busy). */
    public Tuner warmups(int warmups) {
        if (warmups < 0) {
            throw new IllegalArgumentException("warm-ups must not be negative, was " + warmups);
        }
        this.warmups = warmups;
        return this;
    }

    /** {@link Instrumentation#THROUGHPUT} skips the probed storms: no latency, contention or pool share. */
    public Tuner instrumentation(Instrumentation probes) {
        this.probes = probes;
        return this;
    }

    /**
     * Runs each strategy's storms in a JVM of its own, which finds the scenario again by its {@link Scenario#ref()};
     * off by default (all run in this JVM). See {@link TuneFork} for why forking is the fair way.
     */
    public Tuner forkEach(boolean fork) {
        this.forking = fork;
        return this;
    }

    /**
     * How long the measurement may go on: storms after the first {@code runs} rounds start only while they, and the
     * probed storms still to come, fit. Zero (the default) measures {@code runs} rounds.
     */
    public Tuner budget(Duration budget) {
        if (budget.isNegative()) {
            throw new IllegalArgumentException("budget must not be negative, was " + budget);
        }
        this.budget = budget;
        return this;
    }

    /**
     * @param chosen the strategies, chosen by the caller; their names label the results and name them to the forks
     * @param limit  each storm's limit; {@code null} takes the scenario's default
     * @param runs   measured rounds over every strategy before the verdict may stop measuring one; below
     *               {@link Verdict#roundsToSeparate} a warning says that so few cannot separate any two
     * @throws IllegalArgumentException for no strategy, runs below 1, or a scenario that a forked JVM cannot find
     *                                  again (one parsed from text), before anything runs
     */
    public TuneResult tune(Scenario scenario, List<StrategyChoice> chosen, StormLimit limit, int runs) {
        if (forking && scenario.ref() == null) {
            throw new IllegalArgumentException(scenario.name() + " was parsed from text, so no forked JVM can find "
                    + "it again; resolve it from a ScenarioRef, or tune it without forking");
        }
        if (runs < 1) {
            throw new IllegalArgumentException("runs must be at least 1, was " + runs);
        }
        if (chosen.isEmpty()) {
            throw new IllegalArgumentException("no strategy to tune");
        }
        List<String> strategies = chosen.stream().map(StrategyChoice::name).toList();
        StormLimit each = limit != null ? limit : scenario.plan().defaultLimit();
        int needed = Verdict.roundsToSeparate(strategies.size());
        if (runs < needed) {
            out.printf(Locale.ROOT, "warning: %d round(s) cannot tell any two of %d strategies apart at %.0f%% "
                    + "confidence; only rounds after them (a budget) or %d rounds can%n", runs, strategies.size(),
                    Samples.CONFIDENCE * 100, needed);
        }
        Session s = new Session(scenario, each, runs, strategies);
        synchronized (this) {
            session = s;
        }
        List<Bench> benches = new ArrayList<>();
        try (Progress progress = new Progress("tune", strategies.size(), budget.isZero() ? null : budget, out,
                terminal)) {
            open(scenario, chosen, each, benches, progress);
            for (int k = 0; k < strategies.size(); k++) {
                for (int w = 1; w <= warmups; w++) {
                    storm(s, k, benches, Instrumentation.THROUGHPUT, "warm-up " + w, progress, r -> { });
                }
            }
            measure(s, benches, progress);
            if (probes == Instrumentation.FULL) {
                for (int k = 0; k < strategies.size(); k++) {
                    int strategy = k;
                    storm(s, k, benches, Instrumentation.FULL, "probed warm-up", progress, r -> { });
                    storm(s, k, benches, Instrumentation.FULL, "probed", progress, r -> s.probed(strategy, r));
                }
            }
        } finally {
            benches.forEach(Bench::close);
        }
        return s.result(true);
    }

    /**
     * What the session has measured so far, marked incomplete: for a run cut short. Empty until a session starts.
     * Safe to call from another thread while {@link #tune} runs.
     */
    public synchronized java.util.Optional<TuneResult> soFar() {
        return session == null ? java.util.Optional.empty() : java.util.Optional.of(session.result(false));
    }

    /** The measured rounds: all strategies for {@code runs} rounds, then the leader's tier until it is settled. */
    private void measure(Session s, List<Bench> benches, Progress progress) {
        List<Integer> open = new ArrayList<>();
        for (int k = 0; k < benches.size(); k++) {
            open.add(k);
        }
        int probedStorms = probes == Instrumentation.FULL ? 2 * benches.size() : 0;
        for (int round = 1; ; round++) {
            List<Integer> turn = new ArrayList<>(open);
            Collections.rotate(turn, -(round - 1)); // each strategy in each place of the turn, in turn
            for (int k : turn) {
                if (round > s.runs && s.elapsedNanos() + s.stormNanos() * (1 + probedStorms) > budget.toNanos()) {
                    return;
                }
                storm(s, k, benches, Instrumentation.THROUGHPUT, "run " + round, progress, r -> s.measured(k, r));
            }
            s.rounds = round;
            if (round >= s.runs) {
                Verdict verdict = s.verdict();
                if (verdict.firstTierSettled()) {
                    return;
                }
                open = verdict.topTier().stream().map(s.strategies::indexOf).sorted().toList();
            }
        }
    }

    private void open(Scenario scenario, List<StrategyChoice> chosen, StormLimit each, List<Bench> benches,
                      Progress progress) {
        if (!forking) {
            chosen.forEach(strategy -> benches.add(inThisJvm(scenario, strategy, each)));
            return;
        }
        ScenarioRef fork = scenario.ref();
        List<TuneFork> forks = new ArrayList<>();
        for (StrategyChoice strategy : chosen) {
            TuneFork started = TuneFork.start(fork, strategy.name(), each, timeout(each),
                    line -> progress.note("  " + line));
            forks.add(started);
            benches.add(started);
        }
        forks.forEach(TuneFork::awaitReady); // all started at once: no storm shares the cores with a JVM's start
    }

    /** A bench for {@code strategy} in this JVM. */
    static Bench inThisJvm(Scenario scenario, StrategyChoice strategy, StormLimit limit) {
        Duration timeout = timeout(limit);
        return new Bench() {
            @Override
            public StormResult run(Instrumentation probes) {
                return scenario.plan().storm(strategy, limit, probes).run(timeout);
            }

            @Override
            public void close() {
                // nothing to end: the storms ran here
            }
        };
    }

    /** Runs one storm of strategy {@code k}, hands it to {@code keep} and only then prints its line. */
    private static void storm(Session s, int k, List<Bench> benches, Instrumentation probes, String which,
                              Progress progress, Consumer<StormResult> keep) {
        String id = s.strategies.get(k);
        progress.begin(k + 1, id + " " + which);
        long begun = System.nanoTime();
        StormResult r = benches.get(k).run(probes);
        s.stormed(System.nanoTime() - begun);
        keep.accept(r);
        progress.note(line(s.scenario.name(), id, which, r, probes));
    }

    private static Duration timeout(StormLimit each) {
        return each.timed() ? each.duration().plusSeconds(60) : Duration.ofMinutes(5);
    }

    /** A storm's line: throughput always, the p99 latencies only when they were measured. */
    static String line(String scenario, String id, String which, StormResult r, Instrumentation probes) {
        String latency = probes == Instrumentation.FULL ? String.format(Locale.ROOT,
                "  alloc p99 %6d ns  free p99 %6d ns", r.alloc().p99(), r.free().p99()) : "";
        return String.format(Locale.ROOT, "[tune] %s %-14s %-14s %10.0f pairs/s%s  %s", scenario, id, which,
                r.pairsPerSecond(), latency, r.lossFree() ? "loss-free"
                        : "LOST " + r.loss().lost() + ", DOUBLE-OWNED " + r.loss().doubleOwned());
    }

    /** One session's measurements; its methods are called on the tuning thread and read by {@link #soFar()}. */
    private final class Session {
        final Scenario scenario;
        final StormLimit each;
        final int runs;
        final List<String> strategies;
        private final List<List<StormResult>> measured = new ArrayList<>();
        private final List<List<StormResult>> probed = new ArrayList<>();
        private final long start = System.nanoTime();
        private long stormNanos;
        private int storms;
        int rounds;

        Session(Scenario scenario, StormLimit each, int runs, List<String> strategies) {
            this.scenario = scenario;
            this.each = each;
            this.runs = runs;
            this.strategies = List.copyOf(strategies);
            strategies.forEach(id -> {
                measured.add(new ArrayList<>());
                probed.add(new ArrayList<>());
            });
        }

        void measured(int k, StormResult r) {
            synchronized (Tuner.this) {
                measured.get(k).add(r);
            }
        }

        void probed(int k, StormResult r) {
            synchronized (Tuner.this) {
                probed.get(k).add(r);
            }
        }

        void stormed(long nanos) {
            stormNanos += nanos;
            storms++;
        }

        /** The mean wall time of a storm so far, set-up and loss proof included. */
        long stormNanos() {
            return storms == 0 ? 0 : stormNanos / storms;
        }

        long elapsedNanos() {
            return System.nanoTime() - start;
        }

        Verdict verdict() {
            return Verdict.of(ranking(results()));
        }

        private List<StrategyResult> results() {
            synchronized (Tuner.this) {
                List<StrategyResult> results = new ArrayList<>();
                for (int k = 0; k < strategies.size(); k++) {
                    results.add(new StrategyResult(strategies.get(k), measured.get(k), probed.get(k)));
                }
                return results;
            }
        }

        TuneResult result(boolean complete) {
            List<StrategyResult> results = results();
            Verdict verdict = Verdict.of(ranking(results));
            String limitText = scenario.plan().limitText(each);
            Map<String, StrategyResult> byId = results.stream()
                    .collect(Collectors.toMap(StrategyResult::strategy, r -> r, (a, b) -> a));
            List<StrategyResult> byTier = verdict.tiers().stream().flatMap(List::stream).map(byId::get).toList();
            return new TuneResult(scenario.name(), scenario.topology(), limitText, runs, probes, results, byTier,
                    verdict, rounds, Duration.ofNanos(elapsedNanos()), budget, MachineFit.of(scenario.plan()),
                    complete);
        }
    }

    /** The loss-free strategies with at least one measured run, highest median throughput first. */
    private static List<StrategyResult> ranking(List<StrategyResult> results) {
        return results.stream().filter(r -> r.lossFree() && !r.runs().isEmpty())
                .sorted(Comparator.comparingDouble((StrategyResult r) -> r.pairsPerSecond().median()).reversed())
                .collect(Collectors.toList());
    }
}
