package dev.poolstress.scenarios.storm;

import dev.poolstress.engine.FreeBlocks;
import dev.poolstress.engine.LockStrategy;
import java.util.List;
import java.util.function.Function;

/** A workload's shape, independent of the strategy: makes one {@link Storm} per run. */
public interface StormPlan {
    /** {@code ring} or {@code rounds}. */
    String kind();

    /** The pools, in the scenario's order. */
    List<PoolSpec> pools();

    /** The topology in one line, for listings. */
    String topology();

    /** The limit a run takes when the caller gives none. */
    StormLimit defaultLimit();

    /** A fresh storm: its own device, CPUs and pools, guarded by {@code strategy}, fully instrumented. */
    default Storm storm(String strategyId, Function<FreeBlocks, LockStrategy> strategy, StormLimit limit) {
        return storm(strategyId, strategy, limit, Instrumentation.FULL);
    }

    /** As {@link #storm(String, Function, StormLimit)}, measuring as {@code probes} says. */
    Storm storm(String strategyId, Function<FreeBlocks, LockStrategy> strategy, StormLimit limit,
                Instrumentation probes);
}
