package dev.poolstress.scenarios.bench.micro;

import dev.poolstress.engine.cpu.Cpus;
import dev.poolstress.engine.percpu.PerCpuMagazines;
import dev.poolstress.engine.pool.DmaPool;

/**
 * A per-CPU magazine's capacity and the batch a refill takes, written {@code capacity/batch} (e.g. {@code 64/32})
 * so that one JMH {@code @Param} names exactly the grid point, not the cross product of two lists.
 */
public record MagazineSize(int capacity, int batch) {
    /**
     * Reads {@code CAPACITY/BATCH}.
     *
     * @throws IllegalArgumentException saying what was wrong and the accepted form
     */
    public static MagazineSize parse(String value) {
        String[] parts = value.split("/", -1);
        if (parts.length == 2) {
            try {
                int capacity = Integer.parseInt(parts[0].strip());
                int batch = Integer.parseInt(parts[1].strip());
                if (batch >= 1 && batch <= capacity) {
                    return new MagazineSize(capacity, batch);
                }
            } catch (NumberFormatException e) {
                // reported below with the accepted form
            }
        }
        throw new IllegalArgumentException("magazine must be CAPACITY/BATCH with 1 <= BATCH <= CAPACITY, e.g. 64/32,"
                + " was '" + value + "'");
    }

    /**
     * A {@code stack} pool of 64-byte, 64-aligned blocks behind per-CPU magazines of this size, grown by {@code blocks}
     * blocks first so that a measured pair never waits for a page.
     */
    DmaPool grownPool(Cpus cpus, int blocks) {
        return PairPool.grown("sizing", cpus, pool -> pool.lock(free -> new PerCpuMagazines(free, capacity, batch)),
                blocks);
    }
}
