package dev.poolstress.scenarios.bench;

import dev.poolstress.scenarios.catalog.Catalog;
import dev.poolstress.scenarios.storm.PoolSpec;
import dev.poolstress.scenarios.storm.RoundsStormPlan;
import java.util.ArrayList;
import java.util.List;

/**
 * One pool of the kernel's {@code mm/dmapool_test.c}: its creation parameters and how many blocks each round
 * allocates. The pools are the catalog's built-in {@code dmapool-test} scenario, and the block counts its plan's
 * ({@link RoundsStormPlan#kernelBlocks}), so the bench and the storm of that scenario cannot drift apart.
 */
public record DmapoolTestPool(int size, int align, int boundary, int blocks) {
    /** The kernel's {@code pool_parms}, in its order, as the built-in scenario lists them. */
    public static final List<DmapoolTestPool> KERNEL = fromCatalog();

    private static List<DmapoolTestPool> fromCatalog() {
        RoundsStormPlan plan = (RoundsStormPlan) new Catalog().builtIn("dmapool-test").plan();
        List<DmapoolTestPool> pools = new ArrayList<>();
        for (int i = 0; i < plan.pools().size(); i++) {
            PoolSpec spec = plan.pools().get(i);
            pools.add(new DmapoolTestPool(spec.size(), spec.align(), spec.boundary(), plan.blocks().get(i)));
        }
        return List.copyOf(pools);
    }
}
