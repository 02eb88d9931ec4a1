package dev.poolstress.engine;

/**
 * A request the pool refused. The message carries the kernel's wording, the pool's name and the block's dma; the
 * pool is left exactly as it was before the request.
 */
public final class DmaPoolException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** What was wrong, one per message the kernel prints. */
    public enum Reason {
        /** The block is already on the free list ({@code "already free"}). */
        ALREADY_FREE,
        /** The dma is not the start of a block of this pool ({@code "bad dma"}). */
        BAD_DMA,
        /** Destroy found blocks still in use, or more frees than allocations ({@code "busy"}). */
        BUSY,
        /**
         * Debug mode: alloc found a free block's link words overwritten, so the free list can no longer be trusted
         * ({@code "corrupted"}); nothing was taken from it.
         */
        CORRUPTED
    }

    private final Reason reason;

    public DmaPoolException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
