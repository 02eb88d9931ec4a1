package dev.poolstress.engine.cpu;

/**
 * A thread that carries its virtual CPU context in a field, so that {@link Cpus} finds it with a type check and a
 * load instead of a {@link ThreadLocal} lookup on every {@code local_irq_save}. Use it for threads that run pool
 * operations all the time (storm workers, device queues, benchmark threads); any other thread still works, through
 * the {@code ThreadLocal} fallback, at a few nanoseconds more per call.
 *
 * <p>The field serves the first machine the thread runs on; on any other machine the thread uses the fallback.
 * Likewise a thread keeps one {@linkplain #cacheFor per-thread cache} of one owner (a pool's strategy) in a field,
 * found with a load and a compare; another owner's cache is found through the owner's own {@code ThreadLocal}.
 */
public class CpuThread extends Thread {
    /** The machine {@link #context} belongs to; written and read only by this thread. */
    Cpus machine;
    CpuContext context;
    /** The owner of {@link #cache}; both written and read only by this thread. */
    private Object cacheOwner;
    private Object cache;

    public CpuThread(Runnable task, String name) {
        super(task, name);
    }

    public CpuThread(ThreadGroup group, Runnable task, String name) {
        super(group, task, name);
    }

    /**
     * The cache this thread last {@linkplain #keepCache kept} for {@code owner}, or {@code null}. Only this thread
     * may call it, so the fields need no synchronisation.
     */
    public final Object cacheFor(Object owner) {
        return cacheOwner == owner ? cache : null;
    }

    /**
     * Keeps {@code cache} as this thread's cache for {@code owner}, in place of any other owner's: the field then
     * keeps that one owner reachable while the thread lives. Only this thread may call it.
     */
    public final void keepCache(Object owner, Object cache) {
        this.cacheOwner = owner;
        this.cache = cache;
    }
}
