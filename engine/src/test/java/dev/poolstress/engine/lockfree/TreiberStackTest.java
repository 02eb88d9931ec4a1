package dev.poolstress.engine.lockfree;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.poolstress.engine.cpu.Cpus;
import dev.poolstress.engine.pool.Device;
import dev.poolstress.engine.pool.DmaPool;
import org.junit.jupiter.api.Test;

/** The lock-free stack's own traits, beyond the contract every strategy meets. */
class TreiberStackTest {
    @Test
    void shouldReportItsFreeListLockToTheValidatorUnderItsOwnName() {
        Cpus cpus = Cpus.of(1);
        cpus.bind(0);
        TreiberStack[] made = new TreiberStack[1];
        DmaPool.builder("named", Device.create("dev", cpus)).size(64)
                .lock(blocks -> made[0] = new TreiberStack(blocks)).build();
        assertEquals("named.lockfree free list lock", made[0].fallback.lockName());
    }
}
