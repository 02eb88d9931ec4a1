package dev.poolstress.engine;

import dev.poolstress.engine.cpu.Cpus;

/**
 * What a free-block algorithm needs of the device whose memory it carves: the page behind a dma handle, the CPUs
 * its pools run on, and the device's error log (the kernel's {@code dev_err}). The device implements it; the free
 * lists see only this, so they depend on no pool or device class.
 */
public interface CoherentMemory {
    /** The page {@code dma} lies in, or {@code null} if no page of this device holds it. */
    CoherentPage page(long dma);

    Cpus cpus();

    /** Appends a line to the device's messages, as {@code dev_err} writes to the kernel log. */
    void logError(String message);
}
