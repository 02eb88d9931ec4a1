package dev.poolstress.cli;

import dev.poolstress.engine.pool.LockStrategies;
import dev.poolstress.engine.pool.StrategyChoice;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Chooses the lock strategy an option names (a built-in id or the class name of a user's strategy) while the
 * arguments are parsed: the one check of the name, so a wrong one is a usage error (exit 2) that lists what is
 * accepted, before anything runs, and the command hands the choice down.
 */
public final class LockStrategyConverter implements ITypeConverter<StrategyChoice> {
    @Override
    public StrategyChoice convert(String value) {
        try {
            return LockStrategies.choose(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
