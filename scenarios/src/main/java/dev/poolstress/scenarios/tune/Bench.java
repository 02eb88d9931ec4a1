package dev.poolstress.scenarios.tune;

import dev.poolstress.scenarios.storm.Instrumentation;
import dev.poolstress.scenarios.storm.StormResult;

/**
 * Where one strategy's storms run for a whole tuning session: a JVM of its own ({@link TuneFork}) or this one. The
 * tuner keeps every strategy's bench open and asks each for one storm at a time, in turn, so the strategies'
 * measured runs interleave: a burst of load from outside (a build, another benchmark) lands on all of them alike
 * instead of on whichever strategy was being measured, and each JVM stays warm between its turns.
 */
interface Bench extends AutoCloseable {
    /** Runs one storm with {@code probes} and returns what it measured and proved. */
    StormResult run(Instrumentation probes);

    /** Ends the bench (its JVM, for a fork); the bench runs nothing after. */
    @Override
    void close();
}
