package dev.poolstress.scenarios.tune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

class DurationConverterTest {
    @Test
    void shouldReadEachUnit() {
        assertEquals(Duration.ofNanos(250_000), DurationConverter.parse("250us"));
        assertEquals(Duration.ofMillis(500), DurationConverter.parse("500ms"));
        assertEquals(Duration.ofSeconds(2), DurationConverter.parse("2s"));
        assertEquals(Duration.ofMinutes(1), DurationConverter.parse("1m"));
        assertEquals(Duration.ofHours(24), DurationConverter.parse("24h"));
    }

    @Test
    void shouldReadASoakAsTheForkedJvmReceivesIt() {
        Duration soak = DurationConverter.parse("17m");
        assertEquals(soak, DurationConverter.parse(soak.toNanos() / 1000 + "us"));
        Duration day = DurationConverter.parse("24h");
        assertEquals(day, DurationConverter.parse(day.toNanos() / 1000 + "us"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "2", "s", "2 x", "-1s", "1.5s", "0ms", "2d", "1000000000000us"})
    void shouldRejectAMalformedDuration(String text) {
        assertThrows(CommandLine.TypeConversionException.class, () -> DurationConverter.parse(text));
    }
}
