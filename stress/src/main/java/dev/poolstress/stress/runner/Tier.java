package dev.poolstress.stress.runner;

import java.time.Duration;
import java.util.List;

/**
 * How hard the runner drives jcstress: its mode and overrides, which tests run, the free-block algorithms covered,
 * and how long one jcstress run may take before it is killed and reported as timed out.
 */
public enum Tier {
    /**
     * Every push, meant to finish within 10 minutes for the 9 built-in strategies on a 2-core machine: every test
     * (every property), the stack algorithm only, one normal fork per JVM configuration, no C2-randomizer fork
     * ({@code -fsm 0}), no split compilation ({@code -sc false}), 2 iterations of 200 ms, a 64 MB heap per fork
     * ({@code -hs 64}): roughly 10k to 1M samples per test.
     *
     * <p>Where the seconds go, measured on the shared 2-core machine (load average 3 to 7 from other builds): the
     * cost is forks, not samples. jcstress 0.16 on JDK 17 runs every test in two JVM configurations (biased locking
     * on and off) even with {@code -jvmArgs}, which it documents as "single JVM mode": the biased-locking probe
     * succeeds on 17 and doubles every configuration, so {@code -jvmArgs} cannot pick one here; {@code -f 0} runs
     * nothing at all ("No matching tests") in 0.16. Each jcstress run first burns in and probes the VM for 6 to 10 s.
     * A fork cost 5.1 s with jcstress's default 256 MB pre-touched heap and 2.7 s with {@code -hs 64} (6 forks: 30.6
     * s against 16.3 s, samples unchanged or higher), so the heap is the lever; the pools' direct buffers keep a
     * 256 MB limit of their own. The old settings (8 tests, default heap) took 76 s for spin-ticket; these (all 11
     * tests) took 46 to 67 s per strategy and 474 s for the 9 built-ins, every verdict OK.
     *
     * <p>Detection at these settings, {@code race --catalog --runs 3} (forbidden samples of samples per run): every
     * entry caught in 3 of 3 runs. Growth outside the lock 155,680 to 177,285 of about 1.15M (the growth test with
     * its rendezvous; without one, 126 of 7,598); the give-up spinlock 160 to 405 of 0.65M to 1.25M by the growth
     * test (9 to 99 by the ownership test); the non-atomic TTAS 137 to 49,420; the unguarded per-CPU cache 350 to
     * 1,141; the irq-unsafe lock by the validator in every sample; the queue-skipping ticket lock by its stale actor
     * (2 of 11 samples, 43 s). The untagged and 2-bit-tag Treiber stacks were caught every run but by 10 to 127 and
     * 79 to 170 of about 230k (the low figures in a run slowed by a build beside it): still short of 100 a run.
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
