package dev.poolstress.engine.cpu;

/**
 * A thread that carries its virtual CPU context in a field, so that {@link Cpus} finds it with a type check and a
 * load instead of a {@link ThreadLocal} lookup on every {@code local_irq_save}. Use it for threads that run pool
 * operations all the time (storm workers, device queues, benchmark threads); any other thread still works, through
 * the {@code ThreadLocal} fallback, at a few nanoseconds more per call.
 *
 * <p>The field serves the first machine the thread runs on; on any other machine the thread uses the fallback.
 */
public class CpuThread extends Thread {
    /** The machine {@link #context} belongs to; written and read only by this thread. */
    Cpus machine;
    CpuContext context;

    public CpuThread(Runnable task, String name) {
        super(task, name);
    }

    public CpuThread(ThreadGroup group, Runnable task, String name) {
        super(group, task, name);
    }
}
