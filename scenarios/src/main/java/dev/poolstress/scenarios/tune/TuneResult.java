package dev.poolstress.scenarios.tune;

import dev.poolstress.engine.LockStrategies;
import dev.poolstress.scenarios.storm.Instrumentation;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A tuning session's outcome.
 *
 * @param runs    measured runs per strategy in each round
 * @param probes  what was measured on the hot path
 * @param results one per strategy, in the order they were run, each with the runs of every round
 * @param ranking the loss-free strategies by tier, each tier by median throughput
 * @param verdict the tiers and the pick
 * @param rounds  rounds of measurement: the first covers every strategy, later ones the pick's tier
 * @param spent   how long the measurement took
 * @param budget  how long it was allowed to take
 * @param machine the scenario's busy threads against this machine's cores
 */
public record TuneResult(String scenario, String topology, String limit, int runs, Instrumentation probes,
                         List<StrategyResult> results, List<StrategyResult> ranking, Verdict verdict, int rounds,
                         Duration spent, Duration budget, MachineFit machine) {
    public TuneResult {
        results = List.copyOf(results);
        ranking = List.copyOf(ranking);
    }

    /** The strategy to pick, or empty when none ran loss-free. */
    public Optional<String> recommended() {
        return verdict.pick();
    }

    /** The verdict in sentences. */
    public String reason() {
        return verdict.explain(scenario, LockStrategies.DEFAULT, spent);
    }

    /** Whether every run of every strategy ended with every block back exactly once. */
    public boolean lossFree() {
        return results.stream().allMatch(StrategyResult::lossFree);
    }
}
