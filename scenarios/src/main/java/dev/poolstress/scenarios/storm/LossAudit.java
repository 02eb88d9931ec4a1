package dev.poolstress.scenarios.storm;

import dev.poolstress.engine.DmaPoolException;
import dev.poolstress.engine.census.PoolCensus;
import dev.poolstress.engine.census.Violation;
import dev.poolstress.engine.pool.Device;
import dev.poolstress.engine.pool.DmaPool;
import java.util.ArrayList;
import java.util.List;

/**
 * The end of every storm: proves that each block came back exactly once. It collects the storm's own findings
 * (counts that do not reconcile, commands never completed, blocks owned twice, threads that failed), then takes the
 * {@link PoolCensus} of each pool with no block owned, so {@code nrActive} must be zero and every block must be
 * drained once; then gives the blocks back, destroys the pool, and checks that the device has no page left in use.
 *
 * <p>Runs on the caller's thread with the storm stopped; the census rebinds that thread to each CPU of the storm's
 * machine.
 */
final class LossAudit {
    private final Device device;
    private final List<String> problems = new ArrayList<>();
    private long lost;
    private long doubled;

    LossAudit(Device device) {
        this.device = device;
    }

    /** Counts that must agree, such as allocations against frees; a mismatch is a finding. */
    void reconcile(String what, long left, long right) {
        if (left != right) {
            problems.add("counts do not reconcile: " + what + " (" + left + " != " + right + ")");
        }
    }

    void lostInFlight(long commands) {
        if (commands > 0) {
            problems.add(commands + " commands were never completed; their blocks are still owned");
        }
    }

    void doubleOwned(long count, List<String> cases) {
        doubled += count;
        problems.addAll(cases);
    }

    void error(String where, Throwable error) {
        problems.add(where + " failed: " + error);
    }

    void audit(DmaPool pool) {
        PoolCensus census = PoolCensus.take(pool);
        String name = pool.name();
        if (census.violations().contains(Violation.COUNT_WRONG)) {
            problems.add("pool " + name + ": nrActive is " + census.stats().nrActive()
                    + " after the storm, expected 0");
        }
        if (census.error() != null) {
            problems.add("pool " + name + ": the audit could not allocate every free block: " + census.error());
        }
        long[] twice = census.freeTwice();
        for (int i = 0; i < Math.min(twice.length, OwnershipLedger.KEPT); i++) {
            problems.add(String.format("pool %s: block %#x was handed out twice by the audit (the free list holds it"
                    + " twice)", name, twice[i]));
        }
        doubled += twice.length;
        if (census.lost() > 0) {
            lost += census.lost();
            problems.add("pool " + name + ": " + census.lost() + " of " + census.stats().nrBlocks()
                    + " blocks never came back (not in any free list or per-CPU cache)");
        }
        try {
            census.giveBack();
            pool.destroy();
        } catch (DmaPoolException e) {
            problems.add("pool " + name + ": " + e.getMessage());
        } catch (RuntimeException e) {
            problems.add("pool " + name + ": giving the audited blocks back failed: " + e);
        }
    }

    LossReport report() {
        if (lost == 0 && doubled == 0 && problems.isEmpty() && device.pagesInUse() != 0) {
            problems.add("device still has " + device.pagesInUse() + " pages in use after every pool was destroyed");
        }
        return new LossReport(lost, doubled, problems);
    }
}
