package dev.poolstress.engine;

import dev.poolstress.engine.cpu.Cpus;

/**
 * A pool's free blocks, as a {@link LockStrategy} sees them: the free-block algorithm's operations, which do no
 * locking of their own. Every method except the read-only ones must be called with the pool's exclusion held; making
 * that true is the whole job of the strategy.
 */
public interface FreeBlocks {
    /** The null handle: no block, as the kernel's NULL; {@code DmaPool.NULL} is the same value. */
    long NULL = 0L;

    /**
     * Takes a free block and counts it active; {@link #NULL} when no page has one free. In debug mode it first
     * checks the link words it is about to trust, and throws {@link DmaPoolException} ({@code "corrupted"}, leaving
     * everything as it was) if a write after free changed them.
     */
    long pop();

    /**
     * Gives a block back and counts it inactive. In debug mode it first checks the block, poisons it, and throws
     * {@link DmaPoolException} (leaving everything as it was) if the block is foreign or already free.
     */
    void push(long dma);

    /** Carves a new page into free blocks; the pool allocated it with no lock held. */
    void addPage(CoherentPage page);

    /**
     * Throws {@link DmaPoolException} ({@code "bad dma"}) unless {@code dma} lies in a page of this pool. For front
     * ends that keep freed blocks away from {@link #push}; it reads only immutable state, so needs no exclusion.
     */
    void checkOwned(long dma);

    /** Reads the free link a front end wrote into a free block's first eight bytes. */
    long readLink(long dma);

    /**
     * Writes a free link into a free block's first eight bytes, where the kernel keeps {@code next_block}. Throws
     * {@link DmaPoolException} ({@code "bad dma"}) if {@code dma} is not in a page of this pool.
     */
    void writeLink(long dma, long next);

    /**
     * Writes a free link and a mark beside it (the block's second eight bytes, where the kernel keeps the block's
     * own dma): for front ends that keep a word of bookkeeping per free block, such as the depth of a stack. Throws
     * as {@link #writeLink(long, long)}.
     */
    void writeLink(long dma, long next, long mark);

    /** Reads the mark {@link #writeLink(long, long, long)} wrote into a free block. */
    long readMark(long dma);

    /** The pool's name, for lock names and messages. */
    String poolName();

    /** The machine whose CPUs and interrupts the pool runs on. */
    Cpus cpus();

    /** Whether the pool runs the kernel's {@code DMAPOOL_DEBUG} checks. */
    boolean debug();
}
