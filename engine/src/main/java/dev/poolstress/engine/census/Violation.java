package dev.poolstress.engine.census;

/**
 * What a {@link PoolCensus} can find wrong with a pool, declared in order of precedence: when a census finds several,
 * the first declared is the one that explains the others (a drain that threw also leaves blocks unaccounted for).
 */
public enum Violation {
    /** The caller says it owns {@link dev.poolstress.engine.DmaPool#NULL}: an allocation came back empty. */
    NO_BLOCK,
    /** The caller owns one block twice: two allocations returned it. */
    OWNED_TWICE,
    /** Draining the pool threw: a free list holds a link that leads nowhere, or a check failed. */
    THREW,
    /** The drain was handed one block twice: a free list holds it twice. */
    FREE_TWICE,
    /** A block the caller owns was also free: it is on a free list while allocated. */
    OWNED_AND_FREE,
    /** Owned and free blocks together are not {@code nrBlocks}: blocks vanished, or the pool miscounts its blocks. */
    LOST,
    /** {@code nrActive} is not the number of blocks the caller owns: a count update was lost. */
    COUNT_WRONG
}
