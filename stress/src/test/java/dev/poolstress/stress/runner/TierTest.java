package dev.poolstress.stress.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class TierTest {
    @Test
    void shouldParseATierNameInAnyCase() {
        assertEquals(Tier.NIGHTLY, Tier.parse("Nightly"));
    }

    @Test
    void shouldRejectAnUnknownTierNamingTheTiersButNoOption() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Tier.parse("weekly"));
        assertEquals("must be one of ci, nightly, full, was 'weekly'", e.getMessage());
    }
}
