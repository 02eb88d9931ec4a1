package dev.poolstress.cli;

import dev.poolstress.engine.pool.LockStrategies;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Accepts a built-in lock strategy id or the class name of a user's strategy, checked while the arguments are parsed,
 * so a wrong one is a usage error (exit 2) that lists what is accepted, before anything runs.
 */
public final class LockStrategyConverter implements ITypeConverter<String> {
    @Override
    public String convert(String value) {
        try {
            LockStrategies.factory(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
        return value;
    }
}
