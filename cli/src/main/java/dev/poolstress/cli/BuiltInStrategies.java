package dev.poolstress.cli;

import dev.poolstress.engine.pool.LockStrategies;
import java.util.Iterator;

/** The built-in strategy ids, for an option's help ({@code ${COMPLETION-CANDIDATES}}) and shell completion. */
final class BuiltInStrategies implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
        return LockStrategies.builtInIds().iterator();
    }
}
