package dev.poolstress.stress.runner;

import java.time.Duration;
import java.util.Collection;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * When a jcstress run last made progress, and whether it has stalled since. Progress is a fork reporting its result
 * (jcstress prints one block per finished fork, every few seconds at the ci tier); a run with no such report for
 * {@code limit} has a fork that stopped making progress: a livelocked or deadlocked actor.
 */
final class StallWatch {
    private final Duration limit;
    private final LongSupplier nanoClock;
    private long lastNanos;
    private String lastProgress;

    /** @param nanoClock {@link System#nanoTime} in use, a fake in tests */
    StallWatch(Duration limit, LongSupplier nanoClock) {
        if (limit.isNegative() || limit.isZero()) {
            throw new IllegalArgumentException("the stall limit must be positive, was " + limit);
        }
        this.limit = limit;
        this.nanoClock = nanoClock;
        this.lastNanos = nanoClock.getAsLong();
        this.lastProgress = "none (the run started)";
    }

    /** Records progress: {@code what} is the last one a stall report quotes. */
    synchronized void progress(String what) {
        lastNanos = nanoClock.getAsLong();
        lastProgress = what;
    }

    synchronized Duration idle() {
        return Duration.ofNanos(nanoClock.getAsLong() - lastNanos);
    }

    synchronized boolean stalled() {
        return idle().compareTo(limit) >= 0;
    }

    synchronized String lastProgress() {
        return lastProgress;
    }

    /**
     * The first of {@code tests} whose class appears in a JVM's thread dump: the test a stalled fork was running
     * (its actors' frames name the test class, or the class jcstress generated from it).
     */
    static Optional<String> testInThreadDump(String dump, Collection<String> tests) {
        for (String line : dump.split("\n")) {
            String frame = line.trim();
            if (!frame.startsWith("at ")) {
                continue;
            }
            for (String test : tests) {
                if (frame.startsWith("at " + test + ".") || frame.startsWith("at " + test + "_")) {
                    return Optional.of(test);
                }
            }
        }
        return Optional.empty();
    }
}
