package dev.poolstress.scenarios.bench.micro;

import dev.poolstress.engine.cpu.Cpus;
import dev.poolstress.engine.freelist.Algorithm;
import dev.poolstress.engine.pool.Device;
import dev.poolstress.engine.pool.DmaPool;
import java.util.function.UnaryOperator;

/**
 * The pool every alloc+free pair benchmark measures: 64-byte, 64-aligned blocks, {@code stack} algorithm, no debug
 * checks, on a device of its own over the benchmark's CPUs. Its pages are grown before it is handed out, by
 * allocating and freeing {@code blocks} blocks, so that a measured pair never waits for a page.
 */
final class PairPool {
    private PairPool() {
    }

    /**
     * @param locking sets the pool's lock strategy on the builder
     * @throws IllegalStateException if the device refuses a page while the pool is grown
     */
    static DmaPool grown(String name, Cpus cpus, UnaryOperator<DmaPool.Builder> locking, int blocks) {
        DmaPool pool = locking.apply(DmaPool.builder(name, Device.create(name, cpus))
                .size(64).align(64).algorithm(Algorithm.STACK).debug(false)).build();
        long[] grown = new long[blocks];
        for (int i = 0; i < grown.length; i++) {
            grown[i] = pool.alloc();
            if (grown[i] == DmaPool.NULL) {
                throw new IllegalStateException("the device refused a page while the pool was being grown");
            }
        }
        for (long dma : grown) {
            pool.free(dma);
        }
        return pool;
    }
}
