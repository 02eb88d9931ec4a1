package dev.poolstress.scenarios.storm;

import dev.poolstress.engine.cpu.Cpus;

/**
 * The body of a storm thread that works in process context on one virtual CPU: binds to it, waits for the storm to
 * open, does its {@link #work()}, and counts the heap bytes that work allocated. An error stops the whole storm and
 * is kept for the loss report; {@link #done} turns true however the work ended.
 */
abstract class BoundWorker implements Runnable {
    final int cpu;
    final StopSignal stop;
    private final Cpus cpus;

    long allocatedBytes;
    Throwable error;
    volatile boolean done;

    BoundWorker(int cpu, Cpus cpus, StopSignal stop) {
        this.cpu = cpu;
        this.cpus = cpus;
        this.stop = stop;
    }

    /** The measured work, run once the storm opens; returns when it is done or the storm stops. */
    abstract void work();

    @Override
    public final void run() {
        try {
            cpus.bind(cpu);
            stop.awaitStart();
            long before = ThreadAllocation.current();
            work();
            allocatedBytes = ThreadAllocation.current() - before;
        } catch (Throwable t) {
            error = t;
            stop.stop();
        } finally {
            done = true;
        }
    }
}
