package dev.poolstress.scenarios.catalog;

import java.util.List;
import java.util.Objects;

/**
 * How a scenario is found: a built-in's name or a scenario file's path, and the wait strategy that overrides the
 * scenario's ({@code null} for none). {@link #resolve()} is the one way from a ref to its scenario: the command line
 * resolves the ref it was given, the tuner hands that scenario's {@link Scenario#ref()} to each forked JVM as
 * {@link #arguments()}, and the fork reads it back ({@link #fromArguments}) and resolves it the same way, so parent
 * and child run equal scenarios (a file edited in between excepted).
 */
public record ScenarioRef(String nameOrFile, String waitStrategy) {
    /** The argument that stands for no wait strategy; no wait strategy is named so. */
    private static final String NO_WAIT_STRATEGY = "-";

    public ScenarioRef {
        Objects.requireNonNull(nameOrFile, "nameOrFile");
    }

    /**
     * The scenario, by {@link Catalog#resolve}, with the wait strategy applied; its {@link Scenario#ref()} is this.
     *
     * @throws ScenarioException             for an unknown name, an unreadable file, or a file that does not parse
     * @throws UnsupportedOperationException for a wait strategy given to a kind that has none
     * @throws IllegalArgumentException      for an unknown wait strategy
     */
    public Scenario resolve() {
        Scenario scenario = new Catalog().resolve(nameOrFile);
        return waitStrategy == null ? scenario : scenario.withWaitStrategy(waitStrategy);
    }

    ScenarioRef withWaitStrategy(String override) {
        return new ScenarioRef(nameOrFile, override);
    }

    /** This ref as two command-line arguments of another JVM: the name or file, the wait strategy or "-". */
    public List<String> arguments() {
        return List.of(nameOrFile, waitStrategy == null ? NO_WAIT_STRATEGY : waitStrategy);
    }

    /** The ref that gave {@code arguments} ({@link #arguments()}). */
    public static ScenarioRef fromArguments(List<String> arguments) {
        if (arguments.size() != 2) {
            throw new IllegalArgumentException("a scenario ref is two arguments, was " + arguments);
        }
        String wait = arguments.get(1);
        return new ScenarioRef(arguments.get(0), wait.equals(NO_WAIT_STRATEGY) ? null : wait);
    }
}
