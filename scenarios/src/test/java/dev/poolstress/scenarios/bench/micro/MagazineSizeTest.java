package dev.poolstress.scenarios.bench.micro;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.poolstress.engine.cpu.Cpus;
import dev.poolstress.engine.pool.DmaPool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MagazineSizeTest {
    @Test
    void shouldReadCapacityThenBatch() {
        assertEquals(new MagazineSize(128, 32), MagazineSize.parse("128/32"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"64", "64/", "/32", "64/32/16", "sixty-four/32", "32/64", "64/0", ""})
    void shouldRejectAnythingButCapacitySlashBatchWithTheAcceptedForm(String value) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MagazineSize.parse(value));

        assertTrue(e.getMessage().contains("'" + value + "'"), e.getMessage());
        assertTrue(e.getMessage().contains("CAPACITY/BATCH"), e.getMessage());
    }

    @Test
    void shouldGrowThePoolAndGiveEveryBlockBack() {
        DmaPool pool = MagazineSize.parse("8/4").grownPool(Cpus.of(2), 256);

        assertEquals(256, pool.stats().nrBlocks());
        assertEquals(0, pool.stats().nrActive());
        pool.destroy();
    }
}
