package dev.poolstress.cli;

import dev.poolstress.scenarios.tune.DurationFormat;
import java.time.Duration;
import picocli.CommandLine;

/** A duration option ({@code --duration 2s}) read by {@link DurationFormat}; a malformed one is a usage error. */
public final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
        try {
            return DurationFormat.parse(value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
