package dev.poolstress.scenarios.storm;

import dev.poolstress.engine.CoherentPage;
import dev.poolstress.engine.LockStrategy;

/**
 * A decorator that times every call into the strategy it wraps and records the duration into a
 * {@link Contention}: the engine's strategies are closed, so their contention is measured from outside. Adds two
 * {@link System#nanoTime()} reads per call and allocates nothing.
 */
public final class TimedLockStrategy implements LockStrategy {
    private final LockStrategy inner;
    private final Contention contention;

    public TimedLockStrategy(LockStrategy inner, Contention contention) {
        this.inner = inner;
        this.contention = contention;
    }

    @Override
    public long alloc() {
        long start = System.nanoTime();
        try {
            return inner.alloc();
        } finally {
            contention.recordAlloc(System.nanoTime() - start);
        }
    }

    @Override
    public long grow(CoherentPage page) {
        // page growth is counted by the pool's figures; its lock hold is not a wait
        return inner.grow(page);
    }

    @Override
    public void free(long dma) {
        long start = System.nanoTime();
        try {
            inner.free(dma);
        } finally {
            contention.recordFree(System.nanoTime() - start);
        }
    }

    @Override
    public long cached() {
        return inner.cached();
    }

    @Override
    public String id() {
        return inner.id();
    }
}
