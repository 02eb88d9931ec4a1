package dev.poolstress.scenarios.storm;

import dev.poolstress.engine.pool.PageFaults;

/**
 * Which page allocations a storm's device refuses: none, every n-th, each with a probability (seeded), or every
 * one after a budget. A plan, not the stateful policy: each storm run makes its own {@link PageFaults}.
 */
public record FaultPlan(Kind kind, long n, double probability, long seed) {
    public enum Kind { NONE, EVERY_NTH, PROBABILITY, AFTER_BUDGET }

    public static final FaultPlan NONE = new FaultPlan(Kind.NONE, 0, 0, 0);

    public FaultPlan {
        if (kind == Kind.EVERY_NTH && n < 1) {
            throw new IllegalArgumentException("everyNth must be at least 1, was " + n);
        }
        if (kind == Kind.AFTER_BUDGET && n < 0) {
            throw new IllegalArgumentException("afterBudget must not be negative, was " + n);
        }
        if (kind == Kind.PROBABILITY && !(probability >= 0 && probability <= 1)) {
            throw new IllegalArgumentException("probability must be between 0 and 1, was " + probability);
        }
    }

    public PageFaults create() {
        switch (kind) {
            case EVERY_NTH:
                return PageFaults.everyNth(n);
            case PROBABILITY:
                return PageFaults.probability(probability, seed);
            case AFTER_BUDGET:
                return PageFaults.afterBudget(n);
            default:
                return PageFaults.none();
        }
    }

    @Override
    public String toString() {
        switch (kind) {
            case EVERY_NTH:
                return n == 1 ? "every page fails" : "every " + ordinal(n) + " page fails";
            case PROBABILITY:
                return "pages fail with p=" + probability;
            case AFTER_BUDGET:
                return "pages fail after " + n;
            default:
                return "no page faults";
        }
    }

    /** 2nd, 3rd, 11th, 21st: English ordinals for the fault description. */
    static String ordinal(long n) {
        long lastTwo = n % 100;
        String suffix = lastTwo >= 11 && lastTwo <= 13 ? "th"
                : n % 10 == 1 ? "st" : n % 10 == 2 ? "nd" : n % 10 == 3 ? "rd" : "th";
        return n + suffix;
    }
}
