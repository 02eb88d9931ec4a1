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
     * <p>Epochs are capped at 4 strides of 64 states. jcstress sizes a fork's epoch by building and running ever more
     * states (up to 40 strides of 256) until they fill part of the heap; a state here builds a device, a pool and a
     * page of direct memory, so that sizing took most of each fork. Measured on 2 cores in one session, the 11 tests
     * on spin-tas: 98 s uncapped, 48 s capped (14,000 instead of 92,000 samples a fork, with more forbidden samples
     * per million on every catalog entry). The tests make up for the fewer samples with more contention per sample.
     * jcstress 0.16 still runs each test in two JVM configurations (biased locking on and off) even with
     * {@code -jvmArgs}; the runner cannot turn that off.
     *
     * <p>Change the settings only with {@code race --catalog --runs 5} to show what they still catch, and
     * {@code ci/race-durations.tsv} to show what they cost.
     */
    CI(List.of("-m", "quick", "-sc", "false", "-f", "1", "-fsm", "0", "-iters", "2", "-time", "200", "-hs", "64",
            "-strideSize", "64", "-strideCount", "4"),
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
