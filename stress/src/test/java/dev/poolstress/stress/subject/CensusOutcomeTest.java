package dev.poolstress.stress.subject;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.poolstress.engine.census.Violation;
import dev.poolstress.engine.cpu.Cpus;
import dev.poolstress.engine.pool.Device;
import dev.poolstress.engine.pool.DmaPool;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The outcome ids the suite's {@code @Outcome} annotations and the broken-strategy catalog's grades rely on. */
class CensusOutcomeTest {
    @Test
    void shouldKeepEveryViolationsOutcomeId() {
        Map<Violation, String> ids = new EnumMap<>(Violation.class);
        ids.put(Violation.OWNED_TWICE, "1");
        ids.put(Violation.OWNED_AND_FREE, "2");
        ids.put(Violation.FREE_TWICE, "3");
        ids.put(Violation.LOST, "4");
        ids.put(Violation.COUNT_WRONG, "5");
        ids.put(Violation.THREW, "6");
        ids.put(Violation.NO_BLOCK, "7");

        for (Violation violation : Violation.values()) {
            assertEquals(ids.get(violation), CensusOutcome.id(violation), violation::name);
            assertEquals(ids.get(violation), String.valueOf(CensusOutcome.code(violation)), violation::name);
        }
        assertEquals("0", CensusOutcome.CONSISTENT_ID);
        assertEquals(CensusOutcome.CONSISTENT_ID, String.valueOf(CensusOutcome.CONSISTENT));
    }

    private static DmaPool pool() {
        Cpus cpus = Cpus.of(2);
        cpus.bind(0);
        return DmaPool.builder("outcome", Device.create("dev", cpus)).size(64).build();
    }

    @Test
    void shouldTakeTheCensusUnlessAnActorThrew() {
        DmaPool consistent = pool();
        DmaPool threw = pool();
        DmaPool ownedTwice = pool();

        assertEquals(CensusOutcome.CONSISTENT, CensusOutcome.take(consistent, false, consistent.alloc()));
        assertEquals(6, CensusOutcome.take(threw, true, threw.alloc()), "an actor's failure comes first");
        long dma = ownedTwice.alloc();
        ownedTwice.alloc();
        assertEquals(1, CensusOutcome.take(ownedTwice, false, dma, dma), "the census's first violation");
    }
}
