package dev.poolstress.scenarios.storm;

import dev.poolstress.engine.FreeBlocks;
import dev.poolstress.engine.LockStrategy;
import dev.poolstress.engine.cpu.Cpus;
import dev.poolstress.engine.pool.Device;
import dev.poolstress.engine.pool.DmaPool;
import java.util.function.Function;

/**
 * The emulated machine one storm runs on: its virtual CPUs, a device on them, and the plan's pools, each guarded by
 * its own instance of the strategy under test, wrapped to time every call when the storm is fully instrumented.
 * Ring and rounds storms both stand on it, so they build their pools and audit them in the same way.
 */
final class StormMachine {
    final Contention contention;
    final Cpus cpus;
    final Device device;
    final DmaPool[] pools;

    /** Measures the strategy's uncontended baseline first when {@code timed}, so no storm pool exists yet. */
    StormMachine(StormPlan plan, Function<FreeBlocks, LockStrategy> strategy, boolean timed) {
        contention = timed ? ContentionBaseline.measure(strategy) : new Contention(0, 0);
        cpus = Cpus.of(plan.cpus());
        device = Device.create("storm", cpus);
        pools = new DmaPool[plan.pools().size()];
        for (int i = 0; i < pools.length; i++) {
            PoolSpec spec = plan.pools().get(i);
            pools[i] = DmaPool.builder(spec.name(), device).size(spec.size()).align(spec.align())
                    .boundary(spec.boundary()).algorithm(plan.algorithm()).debug(plan.debug())
                    .lock(blocks -> timed ? new TimedLockStrategy(strategy.apply(blocks), contention)
                            : strategy.apply(blocks)).build();
        }
    }

    /** Pages the pools hold between them. */
    long pages() {
        long pages = 0;
        for (DmaPool pool : pools) {
            pages += pool.stats().nrPages();
        }
        return pages;
    }

    /**
     * Hands {@code audit} the blocks the ledger saw owned twice, then audits and destroys every pool: read the pools'
     * pages and the device's page failures before this.
     */
    void audit(LossAudit audit, OwnershipLedger ledger) {
        String[] names = new String[pools.length];
        for (int i = 0; i < pools.length; i++) {
            names[i] = pools[i].name();
        }
        audit.doubleOwned(ledger.count(), ledger.describe(names));
        for (DmaPool pool : pools) {
            audit.audit(pool);
        }
    }
}
