package dev.poolstress.stress.runner;

import java.time.Duration;
import java.util.List;

/**
 * How hard the runner drives jcstress: its mode and overrides, which tests run, the free-block algorithms covered,
 * and how long one jcstress run may take before it is killed and reported as timed out.
 */
public enum Tier {
    /**
     * Every push, meant to finish within 10 minutes for the 9 built-in strategies on a 2-core machine. jcstress 0.16
     * forks a JVM per test and JVM configuration, and on JDK 17 always runs two configurations (biased locking on and
     * off), so the cost is forks, not sampling: about 4.5 s per test and strategy on this shared machine. Hence eight
     * tests: the six that catch catalog entries, the per-CPU refill and flush, and the interrupt storm (the boundary,
     * other-CPU irq and growth tests run nightly); the stack algorithm only; one normal fork per configuration, no
     * C2-randomizer fork ({@code -fsm 0}), no split compilation ({@code -sc false}), 2 iterations of 200 ms: roughly
     * 100k to 1M samples per test.
     *
     * <p>Measured on the shared 2-core machine with three other builds running (load average 2.5 to 4, so
     * pessimistic): 626 s, 502 s and 593 s for the 9 built-ins (mean 574 s, about 64 s per strategy, nearly all of it
     * JVM forks and jcstress's VM probing). The catalog, with exactly these settings against its catching tests, took
     * 89 s, 115 s and 104 s and caught 7 of 7 in each of those 3 runs and in 2 earlier runs at 3 iterations; the
     * rarest catch, the untagged Treiber stack's ABA, showed 15, 32 and 58 forbidden samples of about 400k. The
     * eighth entry, added later (a ticket lock that strands its queue), is caught by the termination test in about
     * 45 s, as jcstress waits out the stale actor in both configurations; 8 of 8 took 152 s. The whole
     * {@code mvn -B -o verify -pl stress -am} took 723 s, 625 s and 712 s. Plain {@code -m quick} (5 iterations, a
     * stress fork per configuration) took 130 s per strategy for all 11 tests, and all 11 tests at these settings
     * 100 s: both over budget.
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
