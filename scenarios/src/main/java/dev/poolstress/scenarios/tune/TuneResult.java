package dev.poolstress.scenarios.tune;

import dev.poolstress.engine.pool.LockStrategies;
import dev.poolstress.scenarios.storm.Instrumentation;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A tuning session's outcome.
 *
 * @param runs    measured rounds over every strategy before the verdict could stop measuring one
 * @param probes  {@code FULL} when each strategy also ran a probed storm (latency, contention, pool share),
 *                {@code THROUGHPUT} when it ran only the unprobed storms it is ranked on
 * @param results one per strategy, in the order they were run, each with the runs of every round
 * @param ranking the loss-free strategies by tier, each tier by median throughput
 * @param verdict the tiers and the pick
 * @param rounds  rounds of measurement finished: the first {@code runs} cover every strategy, later ones the
 *                strategies still tied with the leader
 * @param spent   how long the measurement took
 * @param budget  how long it was allowed to take
 * @param machine the scenario's busy threads against this machine's cores
 * @param complete false for what a run cut short had finished: the verdict is over fewer runs than planned
 */
public record TuneResult(String scenario, String topology, String limit, int runs, Instrumentation probes,
                         List<StrategyResult> results, List<StrategyResult> ranking, Verdict verdict, int rounds,
                         Duration spent, Duration budget, MachineFit machine, boolean complete) {
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
