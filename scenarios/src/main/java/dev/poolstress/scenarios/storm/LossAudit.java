package dev.poolstress.scenarios.storm;

import dev.poolstress.engine.pool.Device;
import dev.poolstress.engine.pool.DmaPool;
import dev.poolstress.engine.DmaPoolException;
import dev.poolstress.engine.pool.PageFaults;
import dev.poolstress.engine.pool.PoolStats;
import dev.poolstress.engine.cpu.Cpus;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The end of every storm: proves that each block came back exactly once. For each pool it checks that
 * {@code nrActive} is zero, then, with page growth refused, allocates every block it can reach from each CPU in turn
 * (so blocks parked in per-CPU caches are found too) and checks that it got {@code nrBlocks} distinct blocks, none
 * twice; then frees them and destroys the pool, and checks that the device has no page left in use.
 *
 * <p>Runs on the caller's thread with the storm stopped; it rebinds that thread to each CPU of the storm's machine.
 */
final class LossAudit {
    private final Cpus cpus;
    private final Device device;
    private final List<String> problems = new ArrayList<>();
    private long lost;
    private long doubled;

    LossAudit(Cpus cpus, Device device) {
        this.cpus = cpus;
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
        PoolStats stats = pool.stats();
        if (stats.nrActive() != 0) {
            problems.add("pool " + pool.name() + ": nrActive is " + stats.nrActive() + " after the storm, expected 0");
        }
        long total = stats.nrBlocks();
        long[] blocks = new long[(int) Math.min(Integer.MAX_VALUE - 8, total + 1)];
        int taken = 0;
        device.injectFaults(PageFaults.afterBudget(0));
        try {
            for (int cpu = 0; cpu < cpus.count() && taken < blocks.length; cpu++) {
                cpus.bind(cpu);
                long dma;
                while (taken < blocks.length && (dma = pool.alloc()) != DmaPool.NULL) {
                    blocks[taken++] = dma;
                }
            }
        } catch (RuntimeException e) {
            problems.add("pool " + pool.name() + ": the audit could not allocate every free block: " + e);
        } finally {
            device.injectFaults(PageFaults.none());
        }
        long[] got = Arrays.copyOf(blocks, taken);
        Arrays.sort(got);
        int distinct = 0;
        long twice = 0;
        for (int i = 0; i < got.length; i++) {
            if (i > 0 && got[i] == got[i - 1]) {
                if (twice++ < OwnershipLedger.KEPT) {
                    problems.add(String.format("pool %s: block %#x was handed out twice by the audit (the free list"
                            + " holds it twice)", pool.name(), got[i]));
                }
            } else {
                got[distinct++] = got[i];
            }
        }
        doubled += twice;
        if (distinct < total) {
            lost += total - distinct;
            problems.add("pool " + pool.name() + ": " + (total - distinct) + " of " + total
                    + " blocks never came back (not in any free list or per-CPU cache)");
        }
        try {
            for (int i = 0; i < distinct; i++) {
                pool.free(got[i]);
            }
            pool.destroy();
        } catch (DmaPoolException e) {
            problems.add("pool " + pool.name() + ": " + e.getMessage());
        } catch (RuntimeException e) {
            problems.add("pool " + pool.name() + ": giving the audited blocks back failed: " + e);
        }
    }

    LossReport report() {
        if (lost == 0 && doubled == 0 && problems.isEmpty() && device.pagesInUse() != 0) {
            problems.add("device still has " + device.pagesInUse() + " pages in use after every pool was destroyed");
        }
        return new LossReport(lost, doubled, problems);
    }
}
