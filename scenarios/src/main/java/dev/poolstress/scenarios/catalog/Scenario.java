package dev.poolstress.scenarios.catalog;

import dev.poolstress.scenarios.storm.StormPlan;

/**
 * A named workload: what it is for, in a sentence, its kind and the plan its storms follow.
 *
 * @param kind   the kind that read it; {@code plan} is that kind's plan
 * @param source where it came from: {@code built-in NAME} or the file's path
 * @param ref    how it was found, and so how to find it again: {@link ScenarioRef#resolve()} gives an equal
 *               scenario; {@code null} for a scenario parsed from text, which nothing can find again
 */
public record Scenario(String name, String description, ScenarioKind<?, ?> kind, StormPlan plan, String source,
                       ScenarioRef ref) {
    public String topology() {
        return plan.topology();
    }

    /**
     * This scenario with its device queues waiting the named way, overriding its {@code waitStrategy} field.
     *
     * @throws UnsupportedOperationException for a scenario of a kind without that field (nothing in its storm
     *                                       waits); the message says so without naming how the strategy was given
     * @throws IllegalArgumentException      for an unknown wait strategy
     */
    public Scenario withWaitStrategy(String waitStrategy) {
        StormPlan waiting = plan.withWaitStrategy(waitStrategy).orElseThrow(() -> new UnsupportedOperationException(
                "applies to " + String.join(" and ", ScenarioParser.kindsWith(ScenarioKind.WAIT_STRATEGY))
                        + " scenarios; " + name + " is a " + kind.name() + " scenario"));
        return new Scenario(name, description, kind, waiting, source,
                ref == null ? null : ref.withWaitStrategy(waitStrategy));
    }
}
