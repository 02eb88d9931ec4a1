package dev.poolstress.scenarios.storm;

import dev.poolstress.engine.freelist.Algorithm;
import dev.poolstress.engine.pool.StrategyChoice;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The shape of a ring storm (see {@link RingStorm}): the machine, the pools, who submits, how deep and in what
 * batches, how many device queues, how long each command takes, where completions interrupt, and which pages fail.
 *
 * @param cpus          virtual CPUs of the storm's machine
 * @param pools         the pools; each command takes a block from one of them
 * @param submitterCpus one submitter per entry, bound to that CPU
 * @param depth         commands a submitter may have in flight ({@code iodepth})
 * @param batch         blocks a submitter allocates and publishes at once ({@code iodepth_batch}); at most depth
 * @param queues        device queues consuming the ring, each a thread
 * @param serviceNanos  busy-spin per command before it completes; 0 completes at once
 * @param irq           where completion interrupts are raised
 * @param randomPool    pick each command's pool at random, else round robin
 * @param waitStrategy  how an idle device queue waits: blocking, yielding, busy-spin or sleeping
 * @param faults        page allocation failures to inject
 * @param algorithm     the pools' free-block algorithm, stack or legacy
 * @param debug         the pools' DMAPOOL_DEBUG checks
 * @param operations    the default limit: allocation attempts over all submitters
 */
public record RingStormPlan(int cpus, List<PoolSpec> pools, List<Integer> submitterCpus, int depth, int batch,
                            int queues, long serviceNanos, IrqRouting irq, boolean randomPool, String waitStrategy,
                            FaultPlan faults, Algorithm algorithm, boolean debug, long operations)
        implements StormPlan {
    public RingStormPlan {
        pools = List.copyOf(pools);
        submitterCpus = List.copyOf(submitterCpus);
        if (cpus < 1) {
            throw new IllegalArgumentException("cpus must be at least 1, was " + cpus);
        }
        if (pools.isEmpty()) {
            throw new IllegalArgumentException("a storm needs at least one pool");
        }
        if (submitterCpus.isEmpty()) {
            throw new IllegalArgumentException("a storm needs at least one submitter");
        }
        for (int cpu : submitterCpus) {
            if (cpu < 0 || cpu >= cpus) {
                throw new IllegalArgumentException("submitter CPU must be between 0 and " + (cpus - 1) + ", was "
                        + cpu);
            }
        }
        if (depth < 1 || batch < 1 || batch > depth) {
            throw new IllegalArgumentException("need 1 <= batch <= depth, was batch " + batch + ", depth " + depth);
        }
        if (queues < 1) {
            throw new IllegalArgumentException("queues must be at least 1, was " + queues);
        }
        if (serviceNanos < 0) {
            throw new IllegalArgumentException("serviceNanos must not be negative, was " + serviceNanos);
        }
        if (irq.mode() == IrqRouting.Mode.FIXED && irq.cpu() >= cpus) {
            throw new IllegalArgumentException("irq CPU must be between 0 and " + (cpus - 1) + ", was " + irq.cpu());
        }
        WaitStrategies.create(waitStrategy);
        if (operations < 1) {
            throw new IllegalArgumentException("operations must be at least 1, was " + operations);
        }
    }

    @Override
    public Optional<RingStormPlan> withWaitStrategy(String name) {
        return Optional.of(new RingStormPlan(cpus, pools, submitterCpus, depth, batch, queues, serviceNanos, irq,
                randomPool, name, faults, algorithm, debug, operations));
    }

    /** The submitters and the device queues. */
    @Override
    public int busyThreads() {
        return submitterCpus.size() + queues;
    }

    @Override
    public String topology() {
        String sizes = pools.stream().map(p -> String.valueOf(p.size())).collect(Collectors.joining("+"));
        return submitterCpus.size() + " submitter(s) on CPU " + submitterCpus.stream().map(String::valueOf)
                .collect(Collectors.joining(",")) + " -> ring (depth " + depth + ", batch " + batch + ") -> "
                + queues + " queue(s) -> irq " + irq + " frees; pools " + sizes + "B"
                + (faults.kind() == FaultPlan.Kind.NONE ? "" : "; " + faults);
    }

    @Override
    public StormLimit defaultLimit() {
        return StormLimit.operations(operations);
    }

    @Override
    public Storm storm(StrategyChoice strategy, StormLimit limit, Instrumentation probes) {
        return new RingStorm(this, strategy.name(), strategy.factory(), limit, probes);
    }
}
