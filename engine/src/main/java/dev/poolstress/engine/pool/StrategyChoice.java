package dev.poolstress.engine.pool;

import dev.poolstress.engine.FreeBlocks;
import dev.poolstress.engine.LockStrategy;
import java.util.function.Function;

/**
 * A lock strategy chosen by name and checked once: a built-in id or the class name of a user's
 * {@link LockStrategy}, with the factory that name resolved to. Whoever reads the name from a user (the command
 * line, a forked JVM's arguments) makes the choice with {@link LockStrategies#choose}; everything below takes the
 * choice and never checks the name again. The name is what reports print and what a forked JVM is given, so that
 * it resolves the same strategy there.
 */
public record StrategyChoice(String name, Function<FreeBlocks, LockStrategy> factory) {
    /** Whether the name is a built-in id rather than a user's class. */
    public boolean builtIn() {
        return LockStrategies.builtInIds().contains(name);
    }

    @Override
    public String toString() {
        return name;
    }
}
