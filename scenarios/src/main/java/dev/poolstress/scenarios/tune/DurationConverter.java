package dev.poolstress.scenarios.tune;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/** Reads a duration such as {@code 500ms}, {@code 2s} or {@code 1m}; anything else is a one-line usage error. */
public final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
    private static final Pattern FORMAT = Pattern.compile("(\\d{1,9})(us|ms|s|m)");

    @Override
    public Duration convert(String value) {
        return parse(value);
    }

    /** @throws CommandLine.TypeConversionException saying what is accepted */
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
                default:
                    d = Duration.ofMinutes(n);
            }
            if (!d.isZero()) {
                return d;
            }
        }
        throw new CommandLine.TypeConversionException("malformed duration '" + value
                + "': expected a positive whole number with a unit (us, ms, s, m), e.g. 500ms or 2s");
    }
}
