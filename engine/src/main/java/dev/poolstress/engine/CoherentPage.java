package dev.poolstress.engine;

import java.nio.ByteBuffer;

/**
 * One coherent allocation from a {@link CoherentMemory}: off-heap memory and the bus address the device sees it at.
 * The bus address ({@link #dma()}) lives in the device's emulated DMA space and is unrelated to where the memory
 * really is, as on hardware with an IOMMU.
 */
public final class CoherentPage {
    private final long dma;
    private final ByteBuffer memory;
    private final long reserved;
    private final Object owner;

    /** Made by the device that owns the memory, when it allocates it. */
    public CoherentPage(long dma, ByteBuffer memory, long reserved, Object owner) {
        this.dma = dma;
        this.memory = memory;
        this.reserved = reserved;
        this.owner = owner;
    }

    public long dma() {
        return dma;
    }

    /** The page's memory, in native byte order; absolute accessors only, its position means nothing. */
    public ByteBuffer memory() {
        return memory;
    }

    public int size() {
        return memory.capacity();
    }

    /** The pool (or other owner) the page was allocated for, or {@code null}. */
    public Object owner() {
        return owner;
    }

    /** Bytes of DMA space the page occupies: its size rounded up to a power-of-two number of pages. */
    public long reserved() {
        return reserved;
    }

    @Override
    public String toString() {
        return String.format("page %#x+%d", dma, size());
    }
}
