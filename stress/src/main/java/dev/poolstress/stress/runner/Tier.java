package dev.poolstress.stress.runner;

import dev.poolstress.engine.freelist.Algorithm;
import java.time.Duration;
import java.util.List;

/**
 * How hard the runner drives jcstress: its mode and overrides, which tests run, the free-block algorithms covered,
 * and how long one jcstress run may take before it is killed and reported as timed out.
 */
public enum Tier {
    /**
     * The gate every push must pass: the tests marked {@link dev.poolstress.stress.subject.Raced#ci()}, the stack
     * algorithm only, with the fewest and lightest jcstress forks that still catch the catalog (one normal fork per
     * JVM configuration, no C2-randomizer fork, no split compilation, 2 iterations of 200 ms, a 64 MB heap per fork),
     * so that the built-in strategies fit a CI job on a small machine.
     *
     * <p>Epochs are capped at 2 strides of 32 states. jcstress sizes a fork's epoch by building and running ever more
     * states (up to 40 strides of 256) until they fill part of the heap; a state here builds a device, a pool and a
     * page of direct memory, so that sizing took most of each fork. Measured on 2 cores, the 11 tests on spin-tas in
     * one session: 98 s uncapped, 48 s at 4 strides of 64, 38.5 s at 2 of 32; on reentrant-fair, whose contended
     * handoffs park, in another: 87 s at 4 of 64, 48 s at 2 of 32. The cap costs samples (about 6,000 instead of
     * 92,000 a fork uncapped), so the tests make up for them with more contention per sample and with states that
     * force the window: in 5 catalog runs at this cap every entry was caught in every run, the thinnest by 166
     * forbidden samples a run (the untagged Treiber stack), the livelocking ticket lock by a stale actor in every
     * fork. The ten built-ins took 424 s, 35-49 s each (at 4 of 64: 620-639 s, up to 91 s each). jcstress 0.16 still
     * runs each test in two JVM configurations (biased locking on and off) even with {@code -jvmArgs}; the runner
     * cannot turn that off.
     *
     * <p>Change the settings only with {@code race --catalog --runs 5} to show what they still catch, and
     * {@code ci/race-durations.tsv} to show what they cost.
     */
    CI(List.of("-m", "quick", "-sc", "false", "-f", "1", "-fsm", "0", "-iters", "2", "-time", "200", "-hs", "64",
            "-strideSize", "32", "-strideCount", "2"),
            Suite.CI, List.of(Algorithm.STACK), Duration.ofMinutes(5)),
    /** Nightly: every test, jcstress's quick preset in full (stress forks, split compilation), both algorithms. */
    NIGHTLY(List.of("-m", "quick"), Suite.TESTS, List.of(Algorithm.STACK, Algorithm.LEGACY), Duration.ofMinutes(60)),
    /** Before a release: every test, jcstress's default preset, both algorithms; hours on a small machine. */
    FULL(List.of("-m", "default"), Suite.TESTS, List.of(Algorithm.STACK, Algorithm.LEGACY), Duration.ofHours(6));

    private final List<String> jcstressArgs;
    private final List<Suite.Test> tests;
    private final List<Algorithm> algorithms;
    private final Duration runTimeout;

    Tier(List<String> jcstressArgs, List<Suite.Test> tests, List<Algorithm> algorithms, Duration runTimeout) {
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

    public List<Algorithm> algorithms() {
        return algorithms;
    }

    /** How long one jcstress run (one strategy and algorithm) may take. */
    public Duration runTimeout() {
        return runTimeout;
    }

    /**
     * Parses a tier name.
     *
     * @throws IllegalArgumentException naming the accepted names, worded to follow the option that gave the name
     *                                  ({@code "must be one of ci, nightly, full, was 'x'"})
     */
    public static Tier parse(String name) {
        for (Tier tier : values()) {
            if (tier.name().equalsIgnoreCase(name)) {
                return tier;
            }
        }
        throw new IllegalArgumentException("must be one of ci, nightly, full, was '" + name + "'");
    }
}
