package dev.poolstress.engine.pool;

import java.util.SplittableRandom;

/**
 * When a {@link Device} refuses a page, as {@code dma_alloc_coherent} can. Stateful: one instance per device.
 */
public abstract class PageFaults {
    /** Decides the fate of the {@code attempt}-th page request (1-based). Called under the device's lock. */
    abstract boolean fail(long attempt);

    /** Never fails. */
    public static PageFaults none() {
        return new PageFaults() {
            @Override
            boolean fail(long attempt) {
                return false;
            }

            @Override
            public String toString() {
                return "none";
            }
        };
    }

    /** Fails every {@code n}-th request. */
    public static PageFaults everyNth(long n) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be at least 1, was " + n);
        }
        return new PageFaults() {
            @Override
            boolean fail(long attempt) {
                return attempt % n == 0;
            }

            @Override
            public String toString() {
                return "every " + n + "th page";
            }
        };
    }

    /** Fails each request with probability {@code p}, from a seeded generator so a run can be repeated. */
    public static PageFaults probability(double p, long seed) {
        if (!(p >= 0.0 && p <= 1.0)) {
            throw new IllegalArgumentException("probability must be between 0 and 1, was " + p);
        }
        SplittableRandom random = new SplittableRandom(seed);
        return new PageFaults() {
            @Override
            boolean fail(long attempt) {
                return random.nextDouble() < p;
            }

            @Override
            public String toString() {
                return "probability " + p;
            }
        };
    }

    /** Grants the first {@code pages} requests and fails every one after. */
    public static PageFaults afterBudget(long pages) {
        if (pages < 0) {
            throw new IllegalArgumentException("page budget must not be negative, was " + pages);
        }
        return new PageFaults() {
            @Override
            boolean fail(long attempt) {
                return attempt > pages;
            }

            @Override
            public String toString() {
                return "after " + pages + " pages";
            }
        };
    }
}
