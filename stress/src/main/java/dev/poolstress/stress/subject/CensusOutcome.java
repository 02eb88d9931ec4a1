package dev.poolstress.stress.subject;

import dev.poolstress.engine.census.PoolCensus;
import dev.poolstress.engine.census.Violation;
import dev.poolstress.engine.pool.DmaPool;

/**
 * An arbiter's outcome from a {@link PoolCensus}: {@link #CONSISTENT} or the number of the census's first
 * {@link Violation}, as the {@code _ID} constants below name them for {@code @Outcome}. The numbers are the suite's
 * outcome ids, which the broken-strategy catalog is graded on: keep them.
 */
public final class CensusOutcome {
    public static final String CONSISTENT_ID = "0";
    public static final String OWNED_TWICE_ID = "1";
    public static final String OWNED_AND_FREE_ID = "2";
    public static final String FREE_TWICE_ID = "3";
    public static final String LOST_ID = "4";
    public static final String COUNT_WRONG_ID = "5";
    public static final String THREW_ID = "6";
    public static final String NO_BLOCK_ID = "7";

    public static final int CONSISTENT = 0;

    private CensusOutcome() {
    }

    /**
     * Takes the census of {@code pool}, which must hold exactly the {@code owned} blocks as active; the pool is spent
     * afterwards.
     *
     * @param failed whether an actor already saw the pool throw: {@link Violation#THREW} without a census
     */
    public static int take(DmaPool pool, boolean failed, long... owned) {
        if (failed) {
            return code(Violation.THREW);
        }
        return PoolCensus.take(pool, owned).first().map(CensusOutcome::code).orElse(CONSISTENT);
    }

    /** The outcome id of {@code violation}. */
    public static String id(Violation violation) {
        return switch (violation) {
            case OWNED_TWICE -> OWNED_TWICE_ID;
            case OWNED_AND_FREE -> OWNED_AND_FREE_ID;
            case FREE_TWICE -> FREE_TWICE_ID;
            case LOST -> LOST_ID;
            case COUNT_WRONG -> COUNT_WRONG_ID;
            case THREW -> THREW_ID;
            case NO_BLOCK -> NO_BLOCK_ID;
        };
    }

    /** {@link #id} as the number an {@code int} result carries. */
    public static int code(Violation violation) {
        return Integer.parseInt(id(violation));
    }
}
