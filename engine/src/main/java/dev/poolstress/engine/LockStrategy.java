package dev.poolstress.engine;

/**
 * How a pool's free blocks are protected: the seam every lock, cache and lock-free front end plugs into.
 *
 * <p>The pool calls {@link #alloc()} and, when it returns {@link FreeBlocks#NULL}, allocates a page with no lock held
 * and calls {@link #grow(CoherentPage)}; it calls {@link #free(long)} for every free. An implementation must make each
 * call's use of {@link FreeBlocks} mutually exclusive with every other, in process and in irq context, and must not
 * let an exception from {@link FreeBlocks#push} leave the exclusion held. Everything a thread did to a block before
 * freeing it happens-before whatever the thread that allocates it next does.
 *
 * <p>An implementation is made once per pool, by a public constructor taking the pool's {@link FreeBlocks}; it may
 * then keep state (a lock, per-CPU caches). It must not allocate on {@code alloc} and {@code free}. Choose one by
 * {@linkplain #id() id} or by class name through {@code DmaPool.Builder.lock(String)}.
 */
public interface LockStrategy {
    /** Takes one free block, or returns {@link FreeBlocks#NULL} if the pool must grow first. */
    long alloc();

    /** Adds a freshly allocated page's blocks and takes one of them, in one critical section. */
    long grow(CoherentPage page);

    /** Returns a block to the pool. */
    void free(long dma);

    /**
     * Free blocks held outside {@link FreeBlocks} (in magazines, a lock-free stack), so that the pool's
     * {@code nrActive} stays exact. Read without exclusion: exact when the pool is quiescent.
     */
    default long cached() {
        return 0;
    }

    /**
     * Gives back to the shared free blocks every free block that only one thread can otherwise reach (a per-thread
     * cache), so that any thread's {@link #alloc()} finds it. Call it, as {@code DmaPool.destroy()}, only when no
     * other thread uses the pool and everything they did happens-before the call (a join, a barrier): it touches
     * their caches without their exclusion. Strategies whose every free block any thread can reach do nothing; so does
     * {@code percpu}, whose magazines belong to CPUs, which any thread may run on.
     */
    default void flushThreadCaches() {
    }

    /** A short stable name for command lines and reports; a user's strategy defaults to its class name. */
    default String id() {
        return getClass().getName();
    }
}
