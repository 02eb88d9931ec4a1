package dev.poolstress.stress.runner;

import java.time.Duration;
import java.util.List;

/**
 * How hard the runner drives jcstress: its mode and overrides, the free-block algorithms covered, and how long one
 * jcstress run may take before it is killed and reported as timed out.
 */
public enum Tier {
    /**
     * Every push, within 10 minutes for all 9 built-in strategies on a 2-core machine: every test, stack algorithm,
     * one normal fork per JVM configuration (jcstress still runs two, biased locking on and off), no C2-randomizer
     * fork ({@code -fsm 0}), no split compilation ({@code -sc false}), 3 iterations of 200 ms. That is about 4 s of
     * sampling per test and strategy, 100k to 1M samples for most tests.
     *
     * <p>Measured on the shared 2-core machine (other builds running, so pessimistic): a whole strategy takes about
     * 45 s; the catalog run with these settings caught 7 of 7 broken strategies in each of 3 runs (see the stress
     * module's report for the per-entry counts). {@code -m quick} alone (5 iterations, a stress fork per
     * configuration, split compilation) took 130 s per strategy: 20 minutes for the built-ins, over budget.
     */
    CI(List.of("-m", "quick", "-sc", "false", "-f", "1", "-fsm", "0", "-iters", "3", "-time", "200"),
            List.of("stack"), Duration.ofMinutes(5)),
    /** Nightly: jcstress's quick preset in full (stress forks, split compilation), both algorithms. */
    NIGHTLY(List.of("-m", "quick"), List.of("stack", "legacy"), Duration.ofMinutes(60)),
    /** Before a release: jcstress's default preset, both algorithms; hours on a small machine. */
    FULL(List.of("-m", "default"), List.of("stack", "legacy"), Duration.ofHours(6));

    private final List<String> jcstressArgs;
    private final List<String> algorithms;
    private final Duration runTimeout;

    Tier(List<String> jcstressArgs, List<String> algorithms, Duration runTimeout) {
        this.jcstressArgs = jcstressArgs;
        this.algorithms = algorithms;
        this.runTimeout = runTimeout;
    }

    public List<String> jcstressArgs() {
        return jcstressArgs;
    }

    public List<String> algorithms() {
        return algorithms;
    }

    /** How long one jcstress run (one strategy and algorithm) may take. */
    public Duration runTimeout() {
        return runTimeout;
    }

    /**
     * Parses a tier name.
     *
     * @throws IllegalArgumentException naming the accepted names
     */
    public static Tier parse(String name) {
        for (Tier tier : values()) {
            if (tier.name().equalsIgnoreCase(name)) {
                return tier;
            }
        }
        throw new IllegalArgumentException("--tier must be one of ci, nightly, full, was '" + name + "'");
    }
}
