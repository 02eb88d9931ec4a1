package dev.poolstress.scenarios.tune;

import dev.poolstress.scenarios.storm.Instrumentation;
import java.util.List;
import java.util.Optional;

/**
 * A tuning session's outcome.
 *
 * @param probes      what was measured on the hot path
 * @param results     one per strategy, in the order they were run
 * @param ranking     the loss-free strategies, best first
 * @param recommended the strategy to pick, or empty when none ran loss-free
 * @param reason      why, in a sentence
 */
public record TuneResult(String scenario, String topology, String limit, int runs, Instrumentation probes,
                         List<StrategyResult> results,
                         List<StrategyResult> ranking, Optional<String> recommended, String reason) {
    public TuneResult {
        results = List.copyOf(results);
        ranking = List.copyOf(ranking);
    }

    /**
     * The runner-up, when its runs overlap the recommended strategy's: the measurement cannot separate the two, and
     * a longer tune should before anyone prefers one of them.
     */
    public Optional<String> tiedRunnerUp() {
        return Tuner.tied(ranking) ? Optional.of(ranking.get(1).strategy()) : Optional.empty();
    }

    /** Whether every run of every strategy ended with every block back exactly once. */
    public boolean lossFree() {
        return results.stream().allMatch(StrategyResult::lossFree);
    }
}
