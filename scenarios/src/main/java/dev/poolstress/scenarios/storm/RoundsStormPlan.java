package dev.poolstress.scenarios.storm;

import dev.poolstress.engine.freelist.Algorithm;
import dev.poolstress.engine.pool.Device;
import dev.poolstress.engine.pool.StrategyChoice;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The shape of a rounds storm (see {@link RoundsStorm}), the kernel's {@code dmapool_test}: each round allocates
 * every block of a pool, then frees them all, pool after pool.
 *
 * @param cpus      virtual CPUs of the storm's machine
 * @param threads   threads running rounds at once, thread i bound to CPU i modulo cpus
 * @param pools     the pools, tested one after another in each round
 * @param blocks    blocks allocated per pool per round, one entry per pool
 * @param algorithm the pools' free-block algorithm, stack or legacy
 * @param debug     the pools' DMAPOOL_DEBUG checks
 * @param rounds    the default limit: rounds per thread
 */
public record RoundsStormPlan(int cpus, int threads, List<PoolSpec> pools, List<Integer> blocks, Algorithm algorithm,
                              boolean debug, long rounds) implements StormPlan {
    public RoundsStormPlan {
        pools = List.copyOf(pools);
        blocks = List.copyOf(blocks);
        if (cpus < 1 || threads < 1) {
            throw new IllegalArgumentException("cpus and threads must be at least 1, were " + cpus + " and "
                    + threads);
        }
        if (pools.isEmpty() || pools.size() != blocks.size()) {
            throw new IllegalArgumentException("need one block count per pool and at least one pool");
        }
        for (int b : blocks) {
            if (b < 1) {
                throw new IllegalArgumentException("blocks per round must be at least 1, was " + b);
            }
        }
        if (rounds < 1) {
            throw new IllegalArgumentException("rounds must be at least 1, was " + rounds);
        }
    }

    /** The kernel test's block count for a size: {@code clamp((PAGE_SIZE / size) * 512, 1024, 8192)}. */
    public static int kernelBlocks(int size) {
        return Math.max(1024, Math.min(8192, (Device.PAGE_SIZE / size) * 512));
    }

    /** The threads running rounds. */
    @Override
    public int busyThreads() {
        return threads;
    }

    @Override
    public String topology() {
        return threads + " thread(s), each round: allocate all then free all, process context; pools "
                + pools.stream().map(p -> p.size() + "B x" + blocks.get(pools.indexOf(p)))
                .collect(Collectors.joining(", "));
    }

    @Override
    public StormLimit defaultLimit() {
        return StormLimit.operations(rounds);
    }

    /** An operation count is rounds per thread: {@code 100 rounds}. */
    @Override
    public String limitText(StormLimit limit) {
        return limit.timed() ? limit.toString() : limit.operations() + " rounds";
    }

    @Override
    public Storm storm(StrategyChoice strategy, StormLimit limit, Instrumentation probes) {
        return new RoundsStorm(this, strategy.name(), strategy.factory(), limit, probes);
    }
}
