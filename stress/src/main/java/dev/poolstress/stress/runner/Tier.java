package dev.poolstress.stress.runner;

import java.time.Duration;
import java.util.List;

/**
 * How hard the runner drives jcstress: its mode and overrides, which tests run, the free-block algorithms covered,
 * and how long one jcstress run may take before it is killed and reported as timed out.
 */
public enum Tier {
    /**
     * Every push, within 10 minutes for the 9 built-in strategies on a 2-core machine: every test, the stack algorithm
     * only, one normal fork per JVM configuration, no C2-randomizer fork ({@code -fsm 0}), no split compilation
     * ({@code -sc false}), 2 iterations of 200 ms, a 64 MB heap per fork ({@code -hs 64}).
     *
     * <p>Why these settings: the cost is forks, not samples. jcstress 0.16 on JDK 17 runs every test in two JVM
     * configurations (biased locking on and off) whatever {@code -jvmArgs} says, and {@code -f 0} runs nothing, so a
     * strategy pays 22 forks plus 6 to 10 s of VM probing. The heap is the lever that remains: a fork took 5.1 s with
     * jcstress's default pre-touched 256 MB and 2.7 s with {@code -hs 64}, samples unchanged (the pools' direct buffers
     * keep a 256 MB limit of their own). Measured: 46 to 67 s a strategy, 474 s for the 9, every verdict OK (before
     * the ownership test's two-CPU ABA rounds). What the settings catch: {@code race --catalog --runs 5}, whose score
     * gives the forbidden samples of each run's strongest catch.
     */
    CI(List.of("-m", "quick", "-sc", "false", "-f", "1", "-fsm", "0", "-iters", "2", "-time", "200", "-hs", "64"),
            Suite.TESTS, List.of("stack"), Duration.ofMinutes(5)),
    /** Nightly: every test, jcstress's quick preset in full (stress forks, split compilation), both algorithms. */
    NIGHTLY(List.of("-m", "quick"), Suite.TESTS, List.of("stack", "legacy"), Duration.ofMinutes(60)),
    /** Before a release: every test, jcstress's default preset, both algorithms; hours on a small machine. */
    FULL(List.of("-m", "default"), Suite.TESTS, List.of("stack", "legacy"), Duration.ofHours(6));

    private final List<String> jcstressArgs;
    private final List<Suite.Test> tests;
    private final List<String> algorithms;
    private final Duration runTimeout;

    Tier(List<String> jcstressArgs, List<Suite.Test> tests, List<String> algorithms, Duration runTimeout) {
        this.jcstressArgs = jcstressArgs;
        this.tests = tests;
        this.algorithms = algorithms;
        this.runTimeout = runTimeout;
    }

    public List<String> jcstressArgs() {
        return jcstressArgs;
    }

    /** The tests this tier runs unless {@code --tests} chooses others. */
    public List<Suite.Test> tests() {
        return tests;
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
