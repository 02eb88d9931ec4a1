package dev.poolstress.scenarios.tune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DurationFormatTest {
    @Test
    void shouldReadEachUnit() {
        assertEquals(Duration.ofNanos(250_000), DurationFormat.parse("250us"));
        assertEquals(Duration.ofMillis(500), DurationFormat.parse("500ms"));
        assertEquals(Duration.ofSeconds(2), DurationFormat.parse("2s"));
        assertEquals(Duration.ofMinutes(1), DurationFormat.parse("1m"));
        assertEquals(Duration.ofHours(24), DurationFormat.parse("24h"));
    }

    @Test
    void shouldReadASoakAsTheForkedJvmReceivesIt() {
        Duration soak = DurationFormat.parse("17m");
        assertEquals(soak, DurationFormat.parse(soak.toNanos() / 1000 + "us"));
        Duration day = DurationFormat.parse("24h");
        assertEquals(day, DurationFormat.parse(day.toNanos() / 1000 + "us"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "2", "s", "2 x", "-1s", "1.5s", "0ms", "2d", "1000000000000us"})
    void shouldRejectAMalformedDuration(String text) {
        assertThrows(IllegalArgumentException.class, () -> DurationFormat.parse(text));
    }
}
