package dev.poolstress.stress.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.poolstress.stress.broken.UnlockedFree;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The runner's checks of what to race, whose messages name what was wrong and no command-line option. */
class StrategiesTest {
    @Test
    void shouldRejectAMissingClasspathEntry() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Strategies.classpath("/no/such/strategies.jar"));
        assertTrue(e.getMessage().startsWith("entry '/no/such/strategies.jar' does not exist; expected jar files"),
                e.getMessage());
    }

    @Test
    void shouldRejectAnUnknownStrategyWithTheEnginesMessage() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Strategies.resolve(List.of("spin-nope"), List.of()));
        assertTrue(e.getMessage().startsWith("unknown lock strategy 'spin-nope'"), e.getMessage());
    }

    @Test
    void shouldRejectABrokenStrategyOfTheCatalog() {
        String name = UnlockedFree.class.getName();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Strategies.resolve(List.of(name), List.of()));
        assertEquals(name + " is a deliberately broken strategy of the catalog; expected a built-in id or your own "
                + "class (the catalog is raced as a whole)", e.getMessage());
    }
}
