package dev.poolstress.engine.pool;

import dev.poolstress.engine.cpu.Cpus;
import java.util.concurrent.atomic.AtomicReference;

/** Runs test code on a thread of its own, bound to a given virtual CPU, and rethrows what it threw. */
final class OnCpu {
    private OnCpu() {
    }

    static void run(Cpus cpus, int cpu, Runnable action) {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread thread = new Thread(() -> {
            try {
                cpus.bind(cpu);
                action.run();
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "cpu" + cpu);
        thread.start();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for " + thread.getName(), e);
        }
        if (failure.get() != null) {
            throw new AssertionError("code on CPU " + cpu + " failed", failure.get());
        }
    }
}
