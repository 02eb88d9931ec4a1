package dev.poolstress.scenarios.storm;

import dev.poolstress.engine.freelist.Algorithm;
import dev.poolstress.engine.pool.StrategyChoice;
import java.util.List;
import java.util.Optional;

/**
 * A workload's shape, independent of the strategy: makes one {@link Storm} per run. Every kind names the machine
 * the same way (CPUs, pools, algorithm, debug), which is all a {@link StormMachine} is built from.
 */
public interface StormPlan {
    /** Virtual CPUs of the storm's machine. */
    int cpus();

    /** The pools, in the scenario's order. */
    List<PoolSpec> pools();

    /** The pools' free-block algorithm. */
    Algorithm algorithm();

    /** Whether the pools run the DMAPOOL_DEBUG checks. */
    boolean debug();

    /** Threads the storm keeps busy while it runs, each wanting a core of its own. */
    int busyThreads();

    /** The topology in one line, for listings. */
    String topology();

    /** The limit a run takes when the caller gives none. */
    StormLimit defaultLimit();

    /** {@code limit} as a report states it: what its operations count, for this plan's storms. */
    default String limitText(StormLimit limit) {
        return limit.toString();
    }

    /**
     * This plan with its device queues idling by {@code waitStrategy} instead; empty for a plan whose storm has
     * nothing that waits.
     *
     * @throws IllegalArgumentException for an unknown wait strategy, when the plan has device queues
     */
    default Optional<? extends StormPlan> withWaitStrategy(String waitStrategy) {
        return Optional.empty();
    }

    /** A fresh storm: its own device, CPUs and pools, guarded by {@code strategy}, fully instrumented. */
    default Storm storm(StrategyChoice strategy, StormLimit limit) {
        return storm(strategy, limit, Instrumentation.FULL);
    }

    /** As {@link #storm(StrategyChoice, StormLimit)}, measuring as {@code probes} says. */
    Storm storm(StrategyChoice strategy, StormLimit limit, Instrumentation probes);
}
