package dev.poolstress.engine.pool;

import dev.poolstress.engine.CoherentPage;
import dev.poolstress.engine.DmaPoolException;
import dev.poolstress.engine.FreeBlocks;
import dev.poolstress.engine.LockStrategy;
import dev.poolstress.engine.freelist.Algorithm;
import dev.poolstress.engine.freelist.BlockLayout;
import dev.poolstress.engine.freelist.FreeList;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.function.Function;

/**
 * A pool of equal-sized blocks of coherent memory for one {@link Device}: the kernel's {@code struct dma_pool}
 * ({@code mm/dmapool.c}), with its contract, its figures and its debug checks.
 *
 * <p>A block is named by its dma handle. {@link #alloc()} takes one, growing the pool by a page when none is free
 * (the lock is dropped while the page is allocated, as in the kernel); {@link #free(long)} gives it back. Pages are
 * never returned before {@link #destroy()}. Which free-block algorithm keeps the blocks ({@code stack}, the
 * default, or {@code legacy}) and which {@link LockStrategy} guards them are chosen on the {@link Builder}.
 *
 * <p>Thread-safe as its strategy makes it: every built-in strategy lets any thread, in process or irq context,
 * allocate and free concurrently. With a page available, {@code alloc} and {@code free} allocate no Java objects.
 */
public final class DmaPool implements AutoCloseable {
    /** The null handle: what {@link #alloc()} returns when no page could be had, as the kernel returns NULL. */
    public static final long NULL = FreeBlocks.NULL;

    /** {@code struct dma_block}: the smallest block holds the free link and the block's own dma. */
    public static final int MIN_BLOCK_SIZE = 16;
    /** Names are kept to 31 characters, as the kernel's {@code char name[32]}. */
    public static final int NAME_LENGTH = 31;

    private final String name;
    private final Device device;
    private final FreeList freeList;
    private final LockStrategy strategy;
    private final boolean debug;
    private final int allocation;
    private boolean destroyed;

    private DmaPool(String name, Device device, FreeList freeList, Function<FreeBlocks, LockStrategy> strategy) {
        this.name = name;
        this.device = device;
        this.freeList = freeList;
        this.strategy = Objects.requireNonNull(strategy.apply(freeList), "strategy factory returned null");
        this.debug = freeList.debug();
        this.allocation = freeList.layout().allocation();
    }

    /** {@code dma_pool_create}: a pool with the stack algorithm and the default lock. */
    public static DmaPool create(String name, Device dev, int size, int align, int boundary) {
        return builder(name, dev).size(size).align(align).boundary(boundary).build();
    }

    public static Builder builder(String name, Device dev) {
        return new Builder(name, dev);
    }

    /**
     * {@code dma_pool_alloc}: a block's dma handle, or {@link #NULL} when the pool had to grow and could not.
     *
     * @throws DmaPoolException in debug mode ({@code "corrupted"}) if a write after free overwrote the link words of
     *                          the free block about to be taken; the device's log carries the kernel's report, and
     *                          the pool is left as it was
     */
    public long alloc() {
        return alloc(false);
    }

    /**
     * {@code dma_pool_zalloc}: as {@link #alloc()}, with the block zeroed.
     *
     * @throws DmaPoolException in debug mode ({@code "corrupted"}), as {@link #alloc()}
     */
    public long zalloc() {
        return alloc(true);
    }

    private long alloc(boolean zero) {
        if (destroyed) {
            throw new IllegalStateException("pool " + name + " is destroyed");
        }
        long dma = strategy.alloc();
        if (dma == NULL) {
            dma = grow();
            if (dma == NULL) {
                return NULL;
            }
        }
        if (debug) {
            freeList.checkOnAlloc(dma, zero);
        }
        if (zero) {
            freeList.zero(dma);
        }
        return dma;
    }

    /** The slow path: no lock held while the page is allocated, which may fail. */
    private long grow() {
        CoherentPage page = device.allocCoherent(allocation, freeList);
        if (page == null) {
            return NULL;
        }
        return strategy.grow(page);
    }

    /**
     * {@code dma_pool_free}: gives a block back.
     *
     * @throws DmaPoolException in debug mode, for a block already free or a dma that is not a block of this pool
     *                          (in any mode, for a dma outside this pool's pages); the pool is left as it was
     */
    public void free(long dma) {
        strategy.free(dma);
    }

    /**
     * The block's memory: {@code size} bytes, a view that stays valid until the pool is destroyed.
     *
     * @throws IllegalArgumentException unless {@code dma} starts a block of this pool
     */
    public ByteBuffer block(long dma) {
        return freeList.block(dma);
    }

    /**
     * Reads the eight bytes at {@code offset} of a block, without allocating: for tags a test writes into the
     * blocks it owns.
     *
     * @throws IllegalArgumentException unless {@code dma} starts a block of this pool and the bytes lie inside it
     */
    public long getLong(long dma, int offset) {
        return freeList.getLong(dma, offset);
    }

    /** Writes the eight bytes at {@code offset} of a block, without allocating; checked as {@link #getLong}. */
    public void putLong(long dma, int offset, long value) {
        freeList.putLong(dma, offset, value);
    }

    /**
     * Hands every free block kept in a per-thread cache back to where any thread's {@link #alloc()} finds it: for a
     * loss audit that drains the pool from one thread. Call it, as {@link #destroy()}, with no other thread using
     * the pool, after everything they did (see {@link LockStrategy#flushThreadCaches()}).
     */
    public void flushThreadCaches() {
        strategy.flushThreadCaches();
    }

    /** The pool's figures; a snapshot, exact when no thread is allocating or freeing. */
    public PoolStats stats() {
        BlockLayout layout = freeList.layout();
        return new PoolStats(layout.size(), layout.allocation(), layout.boundary(), freeList.nrBlocks(),
                freeList.nrActive() - strategy.cached(), freeList.nrPages());
    }

    /**
     * {@code dma_pool_destroy}: gives every page back to the device and removes the pool from its listing. Call it
     * with no other thread using the pool.
     *
     * @throws DmaPoolException ({@code "busy"}) if blocks are still in use, or if more blocks were freed than
     *                          allocated (a double free outside debug mode); the device's log carries the kernel's
     *                          message, and the pool is left as it was, so the blocks can still be freed
     */
    public void destroy() {
        if (destroyed) {
            return;
        }
        long active = stats().nrActive();
        if (active != 0) {
            String message = "dma_pool_destroy " + name + " busy";
            device.logError(message);
            // a negative count is no leak: the accounting broke when a block was freed twice unchecked
            String why = active > 0 ? active + " blocks still in use"
                    : "nrActive is " + active + ", a block was freed more often than allocated"
                    + " (a double free; debug mode rejects it)";
            throw new DmaPoolException(DmaPoolException.Reason.BUSY, message + ": " + why);
        }
        destroyed = true;
        device.unregister(this);
        for (CoherentPage page : freeList.pages()) {
            device.freeCoherent(page);
        }
    }

    @Override
    public void close() {
        destroy();
    }

    public String name() {
        return name;
    }

    public Device device() {
        return device;
    }

    /** The free-block algorithm. */
    public Algorithm algorithm() {
        return freeList.algorithm();
    }

    /** The strategy's id. */
    public String lockId() {
        return strategy.id();
    }

    public boolean debug() {
        return debug;
    }

    @Override
    public String toString() {
        return "dma pool " + name + " on " + device.name() + " (" + algorithm() + ", " + lockId() + ")";
    }

    /**
     * Builds a pool, validating as {@code dma_pool_create} does. Nothing is created or registered unless
     * {@link #build()} succeeds.
     */
    public static final class Builder {
        private final String name;
        private final Device device;
        private Integer size;
        private int align;
        private int boundary;
        private Algorithm algorithm = Algorithm.STACK;
        private boolean debug;
        private String lock = LockStrategies.DEFAULT;
        private Function<FreeBlocks, LockStrategy> lockFactory;

        private Builder(String name, Device device) {
            this.name = name;
            this.device = device;
        }

        /** Bytes per block: raised to {@value #MIN_BLOCK_SIZE}, then rounded up to {@code align}. Required. */
        public Builder size(int size) {
            this.size = size;
            return this;
        }

        /** A power of two, or 0 for none. */
        public Builder align(int align) {
            this.align = align;
            return this;
        }

        /** No block crosses a multiple of this power of two; 0 for none. */
        public Builder boundary(int boundary) {
            this.boundary = boundary;
            return this;
        }

        /** {@link Algorithm#STACK} (the default, the seed's design) or {@link Algorithm#LEGACY} (the code before). */
        public Builder algorithm(Algorithm algorithm) {
            this.algorithm = Objects.requireNonNull(algorithm, "algorithm");
            return this;
        }

        /**
         * As {@link #algorithm(Algorithm)}, by name ({@code stack} or {@code legacy}).
         *
         * @throws IllegalArgumentException for any other name
         */
        public Builder algorithm(String algorithm) {
            return algorithm(Algorithm.parse(algorithm));
        }

        /** The kernel's {@code DMAPOOL_DEBUG}: poisoning and the checks on alloc, free and destroy. */
        public Builder debug(boolean debug) {
            this.debug = debug;
            return this;
        }

        /** A built-in strategy's id (see {@link LockStrategies#builtInIds()}) or a strategy's class name. */
        public Builder lock(String idOrClassName) {
            this.lock = idOrClassName;
            this.lockFactory = null;
            return this;
        }

        /** A strategy made by {@code factory}, for strategies that take more than the pool's {@link FreeBlocks}. */
        public Builder lock(Function<FreeBlocks, LockStrategy> factory) {
            this.lockFactory = Objects.requireNonNull(factory, "factory");
            return this;
        }

        /**
         * Creates the pool and lists it on its device.
         *
         * @throws IllegalArgumentException naming the argument that is wrong and why
         */
        public DmaPool build() {
            if (name == null) {
                throw new IllegalArgumentException("name must not be null");
            }
            if (device == null) {
                throw new IllegalArgumentException("dev must not be null");
            }
            if (size == null) {
                throw new IllegalArgumentException("size must be set");
            }
            int alignment = align;
            if (alignment < 0 || Integer.bitCount(alignment) > 1) {
                throw new IllegalArgumentException("align must be a power of two, or 0 for none, was " + alignment);
            }
            if (alignment == 0) {
                alignment = 1;
            }
            if (size <= 0) {
                throw new IllegalArgumentException("size must be between 1 and " + Integer.MAX_VALUE
                        + " (INT_MAX), was " + size);
            }
            long blockSize = Math.max(size, MIN_BLOCK_SIZE);
            blockSize = (blockSize + alignment - 1) & -(long) alignment;
            if (blockSize > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("size " + size + " rounded up to align " + alignment
                        + " exceeds INT_MAX");
            }
            int allocation = (int) Math.max(blockSize, Device.PAGE_SIZE);
            int limit = boundary;
            if (limit == 0) {
                limit = allocation;
            } else if (limit < 0 || Integer.bitCount(limit) != 1) {
                throw new IllegalArgumentException("boundary must be a power of two, or 0 for none, was " + limit);
            } else if (limit < blockSize) {
                throw new IllegalArgumentException("boundary " + limit + " is below the block size " + blockSize
                        + " (size " + size + " after the " + MIN_BLOCK_SIZE + "-byte minimum and align "
                        + alignment + ")");
            }
            limit = Math.min(limit, allocation);
            Function<FreeBlocks, LockStrategy> factory = lockFactory != null ? lockFactory
                    : LockStrategies.factory(lock);

            String kept = name.length() > NAME_LENGTH ? name.substring(0, NAME_LENGTH) : name;
            BlockLayout layout = new BlockLayout((int) blockSize, allocation, limit);
            FreeList freeList = algorithm.create(kept, device, layout, debug);
            DmaPool pool = new DmaPool(kept, device, freeList, factory);
            device.register(pool);
            return pool;
        }
    }
}
