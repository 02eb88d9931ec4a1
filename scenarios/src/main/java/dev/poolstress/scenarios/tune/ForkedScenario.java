package dev.poolstress.scenarios.tune;

/**
 * How a forked JVM finds the scenario again: the name or file it was chosen by, and the wait strategy that
 * overrides the scenario's ({@code null} for none).
 */
public record ForkedScenario(String nameOrFile, String waitStrategy) {
}
