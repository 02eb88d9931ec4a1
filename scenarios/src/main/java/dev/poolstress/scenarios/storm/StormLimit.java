package dev.poolstress.scenarios.storm;

import java.time.Duration;

/**
 * When a storm stops: after a number of operations (allocation attempts for a ring storm, rounds for a rounds
 * storm), or after a duration, whichever the limit names. Tests use operation counts, so a slow machine only makes
 * them slower, never different.
 */
public record StormLimit(long operations, Duration duration) {
    public StormLimit {
        if (duration == null && operations < 1) {
            throw new IllegalArgumentException("operations must be at least 1, was " + operations);
        }
        if (duration != null && (duration.isNegative() || duration.isZero())) {
            throw new IllegalArgumentException("duration must be positive, was " + duration);
        }
    }

    public static StormLimit operations(long operations) {
        return new StormLimit(operations, null);
    }

    public static StormLimit duration(Duration duration) {
        return new StormLimit(0, duration);
    }

    public boolean timed() {
        return duration != null;
    }

    @Override
    public String toString() {
        if (!timed()) {
            return operations + " ops";
        }
        return duration.toNanos() % 1_000_000 == 0 ? duration.toMillis() + "ms" : duration.toNanos() / 1000 + "us";
    }
}
