package dev.poolstress.engine.cpu;

/**
 * An interrupt handler. It receives one primitive argument (a completed command's tag, a block's dma) so that a
 * preallocated handler can serve every interrupt without allocating.
 */
@FunctionalInterface
public interface IrqHandler {
    void handle(int cpu, long arg);
}
