package dev.poolstress.scenarios.catalog;

import dev.poolstress.scenarios.storm.PoolSpec;
import dev.poolstress.scenarios.storm.RoundsStormPlan;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code kind: rounds}, the kernel's {@code dmapool_test}: threads allocate every block of a pool, then free them all
 * ({@link RoundsStormPlan}). Each pool says how many blocks a round takes; none is prefilled.
 */
final class RoundsKind extends ScenarioKind<RoundsStormPlan, RoundsKind.Pool> {
    RoundsKind() {
        super("rounds", "alloc-all, free-all", List.of(
                Field.of("threads, rounds", "threads at once, run length in rounds [1, 100]")),
                List.of(new PoolField("blocks", "blocks: per round, rounds only [kernel test's]",
                        " (the blocks each round allocates)")),
                "a rounds scenario allocates every block itself, each round");
    }

    /** A pool and the blocks each round allocates from it. */
    record Pool(PoolSpec spec, int blocks) {
    }

    @Override
    Pool pool(Fields fields, CommonPool common) {
        int blocks = fields.integer("blocks", RoundsStormPlan.kernelBlocks(common.size()), 1, 1 << 24);
        return new Pool(common.spec(fields, 0), blocks);
    }

    @Override
    RoundsStormPlan plan(Fields f, Machine machine, List<Pool> pools) {
        int threads = f.integer("threads", 1, 1, 4096);
        long rounds = f.integer("rounds", 100, 1, Integer.MAX_VALUE);
        List<PoolSpec> specs = new ArrayList<>();
        List<Integer> blocks = new ArrayList<>();
        for (Pool pool : pools) {
            specs.add(pool.spec());
            blocks.add(pool.blocks());
        }
        return f.build("threads", () -> new RoundsStormPlan(machine.cpus(), threads, specs, blocks,
                machine.algorithm(), machine.debug(), rounds));
    }

    /** Every thread's blocks of one round. */
    @Override
    Demand demand(RoundsStormPlan plan, int index) {
        int perRound = plan.blocks().get(index);
        return new Demand((long) plan.threads() * perRound, "pools[" + index + "].blocks",
                "with " + plan.threads() + " thread(s) x " + perRound + " per round");
    }
}
