package dev.poolstress.scenarios.catalog;

import dev.poolstress.scenarios.storm.RingStormPlan;
import dev.poolstress.scenarios.storm.StormPlan;

/**
 * A named workload: what it is for, in a sentence, and the plan its storms follow.
 *
 * @param source where it came from: {@code built-in} or the file's path
 */
public record Scenario(String name, String description, StormPlan plan, String source) {
    public String topology() {
        return plan.topology();
    }

    /**
     * This scenario with its device queues waiting the named way.
     *
     * @throws IllegalArgumentException for a scenario that has no ring, or an unknown wait strategy
     */
    public Scenario withWaitStrategy(String waitStrategy) {
        if (!(plan instanceof RingStormPlan)) {
            throw new IllegalArgumentException("--wait-strategy applies to ring scenarios; " + name + " is a "
                    + plan.kind() + " scenario");
        }
        return new Scenario(name, description, ((RingStormPlan) plan).withWaitStrategy(waitStrategy), source);
    }
}
