package dev.poolstress.scenarios.tune;

import dev.poolstress.engine.FreeBlocks;
import dev.poolstress.engine.LockStrategies;
import dev.poolstress.engine.LockStrategy;
import dev.poolstress.scenarios.catalog.Scenario;
import dev.poolstress.scenarios.storm.Instrumentation;
import dev.poolstress.scenarios.storm.StormLimit;
import dev.poolstress.scenarios.storm.StormResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Runs one scenario under each strategy, in rounds, until the ranking is settled or the budget is spent. Each
 * round gives a strategy a warm-up storm (for the JIT, not measured) and several measured storms, each on a fresh
 * device and each ending with its loss proof, in a JVM of its own when forking. The first round measures every
 * strategy; each later one measures again only the strategies the {@link Verdict} cannot yet separate from the
 * leader, the leader first and then those nearest to separating, so the time goes where the answer can change; the rounds end when the first tier
 * has one strategy left or the next storm would overrun the budget. A new JVM per round also samples how one
 * compilation differs from the next, which runs in one JVM never show.
 *
 * <p>From Java: {@code new Tuner(System.err::println).budget(Duration.ofSeconds(45)).tune(catalog.builtIn("nvme-irq"),
 * LockStrategies.builtInIds(), StormLimit.duration(Duration.ofMillis(300)), 3)}.
 */
public final class Tuner {
    private final Consumer<String> progress;
    private int warmups = 2;
    private Instrumentation probes = Instrumentation.FULL;
    private ForkedScenario fork;
    private Duration budget = Duration.ZERO;

    /** @param progress receives a line per run, as it finishes */
    public Tuner(Consumer<String> progress) {
        this.progress = progress;
    }

    /** Unmeasured runs per strategy and round before the measured ones; 2 by default (one leaves the JIT busy). */
    public Tuner warmups(int warmups) {
        if (warmups < 0) {
            throw new IllegalArgumentException("warm-ups must not be negative, was " + warmups);
        }
        this.warmups = warmups;
        return this;
    }

    /** {@link Instrumentation#THROUGHPUT} reads no clock per pool call: purer throughput, no latency. */
    public Tuner instrumentation(Instrumentation probes) {
        this.probes = probes;
        return this;
    }

    /**
     * Runs each strategy's storms in a JVM of its own that finds the scenario again by {@code scenario}; {@code null}
     * (the default) runs them all in this JVM. See {@link TuneFork} for why forking is the fair way.
     */
    public Tuner forkEach(ForkedScenario scenario) {
        this.fork = scenario;
        return this;
    }

    /**
     * How long the measurement may go on: rounds after the first start only while they fit. Zero (the default)
     * measures one round; the first round always runs whole.
     */
    public Tuner budget(Duration budget) {
        if (budget.isNegative()) {
            throw new IllegalArgumentException("budget must not be negative, was " + budget);
        }
        this.budget = budget;
        return this;
    }

    /**
     * @param strategies built-in ids or class names of {@link LockStrategy} implementations
     * @param limit      each run's limit; {@code null} takes the scenario's default
     * @param runs       measured runs per strategy in each round
     * @throws IllegalArgumentException for an unknown strategy (before anything runs) or runs below 1
     */
    public TuneResult tune(Scenario scenario, List<String> strategies, StormLimit limit, int runs) {
        if (runs < 1) {
            throw new IllegalArgumentException("runs must be at least 1, was " + runs);
        }
        if (strategies.isEmpty()) {
            throw new IllegalArgumentException("no strategy to tune");
        }
        List<Function<FreeBlocks, LockStrategy>> factories = new ArrayList<>();
        for (String id : strategies) {
            factories.add(LockStrategies.factory(id));
        }
        StormLimit each = limit != null ? limit : scenario.plan().defaultLimit();
        Duration timeout = timeout(each);
        long start = System.nanoTime();
        List<StrategyResult> results = new ArrayList<>();
        long[] roundNanos = new long[strategies.size()];
        for (int s = 0; s < strategies.size(); s++) {
            long begun = System.nanoTime();
            results.add(round(scenario, strategies.get(s), factories.get(s), each, timeout, runs));
            roundNanos[s] = System.nanoTime() - begun;
        }
        int rounds = 1;
        Verdict verdict = Verdict.of(ranking(results));
        while (verdict.topTier().size() > 1) {
            // the leader first, then its tier mates nearest to separating: where more runs change the answer
            Verdict current = verdict;
            List<Integer> open = current.topTier().stream()
                    .sorted(Comparator.comparingDouble((String id) -> current.over(id)
                            .map(Verdict.Versus::runsFactor).orElse(0.0)))
                    .map(strategies::indexOf).toList();
            int measured = 0;
            for (int s : open) {
                long begun = System.nanoTime();
                if (begun - start + roundNanos[s] > budget.toNanos()) {
                    break;
                }
                if (measured == 0) {
                    progress.accept(String.format(Locale.ROOT, "[tune] round %d: the runs cannot yet separate %s;"
                            + " measuring them again (%.0f of %d s spent)", rounds + 1,
                            String.join(", ", verdict.topTier()), (begun - start) / 1e9, budget.toSeconds()));
                }
                results.set(s, results.get(s).plus(round(scenario, strategies.get(s), factories.get(s), each,
                        timeout, runs)));
                roundNanos[s] = System.nanoTime() - begun;
                measured++;
            }
            if (measured == 0) {
                break;
            }
            rounds++;
            verdict = Verdict.of(ranking(results));
            if (measured < open.size()) {
                break;
            }
        }
        String limitText = !each.timed() && scenario.plan().kind().equals("rounds") ? each.operations() + " rounds"
                : each.toString();
        Map<String, StrategyResult> byId = results.stream()
                .collect(Collectors.toMap(StrategyResult::strategy, r -> r, (a, b) -> a));
        List<StrategyResult> byTier = verdict.tiers().stream().flatMap(List::stream).map(byId::get).toList();
        return new TuneResult(scenario.name(), scenario.topology(), limitText, runs, probes, results, byTier,
                verdict, rounds, Duration.ofNanos(System.nanoTime() - start), budget,
                MachineFit.of(scenario.plan()));
    }

    /** The loss-free strategies, highest median throughput first. */
    private static List<StrategyResult> ranking(List<StrategyResult> results) {
        return results.stream().filter(StrategyResult::lossFree)
                .sorted(Comparator.comparingDouble((StrategyResult r) -> r.pairsPerSecond().median()).reversed())
                .collect(Collectors.toList());
    }

    private StrategyResult round(Scenario scenario, String id, Function<FreeBlocks, LockStrategy> factory,
                                 StormLimit each, Duration timeout, int runs) {
        return fork != null ? TuneFork.measure(fork, id, each, runs, warmups, probes, timeout, progress)
                : measure(scenario, id, factory, each, timeout, runs);
    }

    /** One strategy's warm-ups and measured storms, in this JVM. */
    StrategyResult measure(Scenario scenario, String id, StormLimit limit, int runs) {
        return measure(scenario, id, LockStrategies.factory(id), limit, timeout(limit), runs);
    }

    private StrategyResult measure(Scenario scenario, String id, Function<FreeBlocks, LockStrategy> factory,
                                   StormLimit each, Duration timeout, int runs) {
        for (int w = 0; w < warmups; w++) {
            StormResult r = scenario.plan().storm(id, factory, each, probes).run(timeout);
            progress.accept(line(scenario, id, "warm-up", r));
        }
        List<StormResult> measured = new ArrayList<>();
        for (int run = 1; run <= runs; run++) {
            StormResult r = scenario.plan().storm(id, factory, each, probes).run(timeout);
            measured.add(r);
            progress.accept(line(scenario, id, "run " + run + "/" + runs, r));
        }
        return new StrategyResult(id, measured);
    }

    private static Duration timeout(StormLimit each) {
        return each.timed() ? each.duration().plusSeconds(60) : Duration.ofMinutes(5);
    }

    private static String line(Scenario scenario, String id, String which, StormResult r) {
        return String.format(Locale.ROOT, "[tune] %s %-14s %-8s %10.0f pairs/s  alloc p99 %6d ns  free p99 %6d ns  %s",
                scenario.name(), id, which, r.pairsPerSecond(), r.alloc().p99(), r.free().p99(),
                r.lossFree() ? "loss-free" : "LOST " + r.loss().lost() + ", DOUBLE-OWNED " + r.loss().doubleOwned());
    }
}
