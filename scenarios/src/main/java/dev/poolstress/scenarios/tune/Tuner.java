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
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Runs one scenario under each strategy: a warm-up storm (for the JIT, not measured), then several measured
 * storms, each on a fresh device and each ending with its loss proof. Ranks the strategies that never lost or
 * doubled a block by median throughput and names the one to pick.
 *
 * <p>From Java: {@code new Tuner(System.err::println).tune(catalog.builtIn("nvme-irq"),
 * LockStrategies.builtInIds(), StormLimit.duration(Duration.ofMillis(500)), 3)}.
 */
public final class Tuner {
    private final Consumer<String> progress;
    private int warmups = 1;
    private Instrumentation probes = Instrumentation.FULL;
    private ForkedScenario fork;

    /** @param progress receives a line per run, as it finishes */
    public Tuner(Consumer<String> progress) {
        this.progress = progress;
    }

    /** Unmeasured runs per strategy before the measured ones; 1 by default. */
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
     * @param strategies built-in ids or class names of {@link LockStrategy} implementations
     * @param limit      each run's limit; {@code null} takes the scenario's default
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
        List<StrategyResult> results = new ArrayList<>();
        for (int s = 0; s < strategies.size(); s++) {
            results.add(fork != null
                    ? TuneFork.measure(fork, strategies.get(s), each, runs, warmups, probes, timeout, progress)
                    : measure(scenario, strategies.get(s), factories.get(s), each, timeout, runs));
        }
        List<StrategyResult> ranking = results.stream().filter(StrategyResult::lossFree)
                .sorted(Comparator.comparingDouble((StrategyResult r) -> r.pairsPerSecond().median()).reversed())
                .collect(Collectors.toList());
        Optional<String> recommended = ranking.isEmpty() ? Optional.empty()
                : Optional.of(ranking.get(0).strategy());
        String limitText = !each.timed() && scenario.plan().kind().equals("rounds") ? each.operations() + " rounds"
                : each.toString();
        return new TuneResult(scenario.name(), scenario.topology(), limitText, runs, probes, results, ranking,
                recommended, reason(scenario.name(), ranking, runs));
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

    static String reason(String scenario, List<StrategyResult> ranking, int runs) {
        if (ranking.isEmpty()) {
            return "No strategy ran " + scenario + " without losing or doubling a block, so none can be recommended.";
        }
        StrategyResult best = ranking.get(0);
        String because = String.format(Locale.ROOT, "Pick %s for %s: it completed the most alloc+free pairs per "
                        + "second (median %s over %d run%s) with no block lost or owned twice", best.strategy(),
                scenario, rate(best.pairsPerSecond().median()), runs, runs == 1 ? "" : "s");
        if (best.allocP99().median() > 0) {
            because += String.format(Locale.ROOT, ", and its alloc p99 was %.0f ns", best.allocP99().median());
        }
        if (ranking.size() == 1) {
            return because + "; it was the only loss-free strategy.";
        }
        StrategyResult next = ranking.get(1);
        double ratio = next.pairsPerSecond().median() == 0 ? Double.POSITIVE_INFINITY
                : best.pairsPerSecond().median() / next.pairsPerSecond().median();
        String versus = String.format(Locale.ROOT, "; that is %.2fx %s, the runner-up", ratio, next.strategy());
        if (tied(ranking)) {
            return because + versus + ", whose runs overlap its own, so measure longer before preferring one of the"
                    + " two.";
        }
        return because + versus + ".";
    }

    /** Whether the first two of a ranking overlap in throughput from run to run. */
    static boolean tied(List<StrategyResult> ranking) {
        return ranking.size() >= 2 && ranking.get(0).pairsPerSecond().overlaps(ranking.get(1).pairsPerSecond());
    }

    static String rate(double pairsPerSecond) {
        if (pairsPerSecond >= 1e6) {
            return String.format(Locale.ROOT, "%.2f M/s", pairsPerSecond / 1e6);
        }
        if (pairsPerSecond >= 1e3) {
            return String.format(Locale.ROOT, "%.1f k/s", pairsPerSecond / 1e3);
        }
        return String.format(Locale.ROOT, "%.0f /s", pairsPerSecond);
    }
}
