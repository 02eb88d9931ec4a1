package dev.poolstress.scenarios.tune;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The written form of a storm's duration: a positive whole number and a unit, such as {@code 500ms}, {@code 2s},
 * {@code 17m} or {@code 24h}. Up to twelve digits, so a soak of days given in microseconds (as the forked tune JVM
 * receives it) reads too.
 */
public final class DurationFormat {
    private static final Pattern FORMAT = Pattern.compile("(\\d{1,12})(us|ms|s|m|h)");

    private DurationFormat() {
    }

    /** @throws IllegalArgumentException saying what is accepted */
    public static Duration parse(String value) {
        Matcher m = FORMAT.matcher(value == null ? "" : value.trim());
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            Duration d;
            switch (m.group(2)) {
                case "us":
                    d = Duration.ofNanos(n * 1000);
                    break;
                case "ms":
                    d = Duration.ofMillis(n);
                    break;
                case "s":
                    d = Duration.ofSeconds(n);
                    break;
                case "m":
                    d = Duration.ofMinutes(n);
                    break;
                default:
                    d = Duration.ofHours(n);
            }
            if (!d.isZero()) {
                return d;
            }
        }
        throw new IllegalArgumentException("malformed duration '" + value
                + "': expected a positive whole number with a unit (us, ms, s, m, h), e.g. 500ms, 2s or 24h");
    }
}
