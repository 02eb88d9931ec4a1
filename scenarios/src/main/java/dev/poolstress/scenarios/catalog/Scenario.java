package dev.poolstress.scenarios.catalog;

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
}
