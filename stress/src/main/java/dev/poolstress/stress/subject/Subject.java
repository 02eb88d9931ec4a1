package dev.poolstress.stress.subject;

import dev.poolstress.engine.cpu.Cpus;
import dev.poolstress.engine.freelist.Algorithm;
import dev.poolstress.engine.pool.Device;
import dev.poolstress.engine.pool.DmaPool;
import dev.poolstress.engine.pool.LockStrategies;

/**
 * The pool a jcstress state puts under test. The strategy and algorithm are chosen once per forked JVM by system
 * properties, so one jar runs the whole suite against any strategy: {@value #STRATEGY_PROPERTY} (a built-in id or a
 * class name; default {@value LockStrategies#DEFAULT}) and {@value #ALGORITHM_PROPERTY} ({@code stack} or
 * {@code legacy}). Every state shares one two-CPU machine, so a state costs a device, a pool and, unless the property
 * is about growth, the one page it grows in its constructor.
 */
public final class Subject {
    public static final String STRATEGY_PROPERTY = "poolstress.strategy";
    public static final String ALGORITHM_PROPERTY = "poolstress.algorithm";

    /** Bytes per block: 64 blocks to a page. */
    public static final int BLOCK_SIZE = 64;
    /** The machine every state runs on: actor k binds to CPU k. */
    public static final Cpus CPUS = Cpus.of(2);

    public static final String STRATEGY = System.getProperty(STRATEGY_PROPERTY, LockStrategies.DEFAULT);
    public static final Algorithm ALGORITHM = Algorithm.parse(System.getProperty(ALGORITHM_PROPERTY,
            Algorithm.STACK.id()));

    private Subject() {
    }

    /**
     * Binds the calling actor to {@code cpu}, then fills {@code into[from, to)} with allocations from {@code pool}.
     *
     * @return false if the pool threw, which the test's arbiter reports as an outcome of its own
     */
    public static boolean allocOn(int cpu, DmaPool pool, long[] into, int from, int to) {
        CPUS.bind(cpu);
        try {
            for (int i = from; i < to; i++) {
                into[i] = pool.alloc();
            }
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /**
     * The other CPU's side of a growth race: {@code rounds} times frees one of {@code kept}'s two blocks and
     * allocates it again, so the free list changes while the pool grows.
     *
     * @return false if the pool threw, which the test's arbiter reports as an outcome of its own
     */
    public static boolean churn(DmaPool pool, long[] kept, int rounds) {
        try {
            for (int i = 0; i < rounds; i++) {
                int k = i & 1;
                pool.free(kept[k]);
                kept[k] = pool.alloc();
            }
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** A pool of {@value #BLOCK_SIZE}-byte blocks with one page already grown, allocated and freed on CPU 0. */
    public static DmaPool grownPool() {
        return warmedPool(1);
    }

    /** As {@link #grownPool()}, with a pool name of its own, for checks that pick one pool's reports out. */
    public static DmaPool grownPool(String poolName) {
        return warm(builder(poolName).size(BLOCK_SIZE).build(), 1);
    }

    /**
     * A pool whose first {@code blocks} blocks were allocated, then freed in the same order, on CPU 0: a front end
     * that keeps freed blocks (a per-CPU or lock-free stack) then holds that many, the last freed on top. Per-thread
     * caches are then {@linkplain DmaPool#flushThreadCaches() given back}: the warming thread is not an actor, and
     * blocks left in its cache would make every sample grow a page instead of racing for the warmed ones.
     */
    public static DmaPool warmedPool(int blocks) {
        return warmedPool(BLOCK_SIZE, blocks);
    }

    /** As {@link #warmedPool(int)}, with blocks of {@code size} bytes. */
    public static DmaPool warmedPool(int size, int blocks) {
        return warm(builder().size(size).build(), blocks);
    }

    /** As {@link #grownPool()}, running the kernel's debug checks. */
    public static DmaPool grownDebugPool() {
        return warm(emptyPool(true), 1);
    }

    /**
     * Allocates {@code blocks} blocks of {@code pool} on CPU 0, frees them in the same order, and gives back what the
     * calling thread's own cache (if the strategy keeps one) holds.
     */
    private static DmaPool warm(DmaPool pool, int blocks) {
        CPUS.bind(0);
        long[] taken = new long[blocks];
        for (int i = 0; i < blocks; i++) {
            taken[i] = pool.alloc();
        }
        for (long dma : taken) {
            pool.free(dma);
        }
        pool.flushThreadCaches();
        return pool;
    }

    /** A pool of {@value #BLOCK_SIZE}-byte blocks that has no page yet. */
    public static DmaPool emptyPool(boolean debug) {
        return builder().size(BLOCK_SIZE).debug(debug).build();
    }

    /** A builder for the strategy and algorithm under test, on a fresh device of the shared machine. */
    public static DmaPool.Builder builder() {
        return builder("stress");
    }

    /** As {@link #builder()}, for a pool named {@code poolName}. */
    public static DmaPool.Builder builder(String poolName) {
        return DmaPool.builder(poolName, Device.create("stress", CPUS)).algorithm(ALGORITHM).lock(STRATEGY);
    }
}
