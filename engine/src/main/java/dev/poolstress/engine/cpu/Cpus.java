package dev.poolstress.engine.cpu;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The virtual machine's CPUs, their process and interrupt contexts, and {@code local_irq_save}/{@code restore}.
 *
 * <h2>Model</h2>
 * Each thread runs in process context on one CPU: the one it {@linkplain #bind bound} itself to, or one it is placed
 * on, round robin, the first time it asks. Each CPU has an irq gate. {@link #localIrqSave()} takes the current CPU's
 * gate unless this thread already holds it, and returns flags saying which happened and on which CPU;
 * {@link #localIrqRestore(long)} gives that CPU's gate back only when those flags say interrupts were on. An interrupt for CPU k runs its handler on the
 * delivering thread, in irq context on CPU k, holding gate k.
 *
 * <h2>Guarantees</h2>
 * <ul>
 *   <li>A handler for CPU k never overlaps a section of CPU k that has interrupts off, nor another handler of CPU k.</li>
 *   <li>Per-CPU data touched only with its CPU's gate held is never touched by two threads at once, even when two
 *       threads share a CPU.</li>
 *   <li>Everything else may interleave with a handler. That over-approximates a real interrupt, which can only stop
 *       the interrupted code, so every race the real machine can show, this model can show too.</li>
 * </ul>
 * The one real bug the model cannot show by running is a CPU deadlocking on itself (a lock taken with interrupts on,
 * then wanted by a handler on the same CPU): here the handler just waits on another thread. The
 * {@link dev.poolstress.engine.lockdep.Lockdep lockdep} validator reports that case instead.
 *
 * <h2>Cost</h2>
 * A {@code local_irq_save}/{@code restore} pair costs one uncontended compare-and-set and a release store, and
 * none inside a handler, where the gate is already held. The CPU is found once per save, from a field on a
 * {@link CpuThread} (a {@code ThreadLocal} on any other thread), and carried to the restore in the flags.
 */
public final class Cpus {
    /** Flags bit 0: interrupts were already disabled (a nested save); the bits above hold the CPU. */
    private static final long NESTED = 1L;

    private static final Cpus SYSTEM = new Cpus(Math.max(2, Runtime.getRuntime().availableProcessors()));

    private final IrqGates gates;
    private final AtomicInteger placement = new AtomicInteger();
    private final ThreadLocal<CpuContext> contexts = ThreadLocal.withInitial(this::place);

    private Cpus(int count) {
        gates = new IrqGates(count);
    }

    /** The shared machine: as many CPUs as the JVM has processors, and at least two. */
    public static Cpus system() {
        return SYSTEM;
    }

    /** A machine of its own with {@code count} CPUs. */
    public static Cpus of(int count) {
        if (count < 1 || count > 4096) {
            throw new IllegalArgumentException("cpu count must be between 1 and 4096, was " + count);
        }
        return new Cpus(count);
    }

    /** The CPU whose interrupts the {@link #localIrqSave()} that returned {@code flags} disabled. */
    public static int cpuOf(long flags) {
        return (int) (flags >>> 1);
    }

    /** Whether interrupts were enabled before the {@link #localIrqSave()} that returned {@code flags}. */
    public static boolean irqsWereEnabled(long flags) {
        return (flags & NESTED) == 0;
    }

    public int count() {
        return gates.count();
    }

    /** Binds the calling thread to {@code cpu}; it then runs there in process context. */
    public void bind(int cpu) {
        checkCpu(cpu);
        CpuContext ctx = context();
        if (ctx.irqDepth > 0 || gates.isHeldByCurrentThread(ctx.cpu)) {
            throw new IllegalStateException("cannot move to CPU " + cpu + " with interrupts disabled on CPU "
                    + ctx.current());
        }
        ctx.cpu = cpu;
    }

    /** The CPU the calling thread runs on now: its handler's CPU in irq context, else its own. */
    public int current() {
        return context().current();
    }

    /** Whether the calling thread is running an interrupt handler. */
    public boolean inIrq() {
        return context().irqDepth > 0;
    }

    /** Whether interrupts are disabled on the calling thread's current CPU, by this thread. */
    public boolean irqsDisabled() {
        return gates.isHeldByCurrentThread(current());
    }

    /**
     * {@code local_irq_save}: disables interrupts on the current CPU and returns the previous state. The flags are
     * opaque, except through {@link #cpuOf} and {@link #irqsWereEnabled}.
     */
    public long localIrqSave() {
        CpuContext ctx = context();
        int cpu = ctx.current();
        long flags = (long) cpu << 1;
        if (ctx.irqDepth > 0) {
            return flags | NESTED; // a handler runs with its CPU's gate held
        }
        if (gates.tryAcquire(cpu)) {
            return flags;
        }
        if (gates.isHeldByCurrentThread(cpu)) {
            return flags | NESTED;
        }
        gates.acquire(cpu);
        return flags;
    }

    /** {@code local_irq_restore}: puts back the state that {@link #localIrqSave()} returned. */
    public void localIrqRestore(long flags) {
        if (irqsWereEnabled(flags)) {
            int cpu = cpuOf(flags);
            if (cpu < 0 || cpu >= gates.count() || !gates.isHeldByCurrentThread(cpu)) {
                throw new IllegalStateException("local_irq_restore on CPU " + cpu
                        + " without a matching local_irq_save");
            }
            gates.release(cpu);
        }
    }

    /**
     * Raises an interrupt on {@code cpu} and runs {@code handler} in irq context there, on the calling thread.
     * Returns when the handler has run. A real CPU would hold back an interrupt raised while it has interrupts off;
     * this model refuses it, since the caller would wait on itself.
     */
    public void deliverIrq(int cpu, IrqHandler handler, long arg) {
        checkCpu(cpu);
        CpuContext ctx = context();
        if (!gates.tryAcquire(cpu)) {
            if (gates.isHeldByCurrentThread(cpu)) {
                throw new IllegalStateException("cannot deliver an interrupt to CPU " + cpu
                        + ": the calling thread has interrupts disabled there");
            }
            gates.acquire(cpu);
        }
        int savedIrqCpu = ctx.irqCpu;
        ctx.irqCpu = cpu;
        ctx.irqDepth++;
        try {
            handler.handle(cpu, arg);
        } finally {
            ctx.irqDepth--;
            ctx.irqCpu = savedIrqCpu;
            gates.release(cpu);
        }
    }

    /** The calling thread's context on this machine: a field of a {@link CpuThread}, else the fallback. */
    private CpuContext context() {
        Thread thread = Thread.currentThread();
        if (thread instanceof CpuThread) {
            CpuThread own = (CpuThread) thread;
            if (own.machine == this) {
                return own.context;
            }
            if (own.machine == null) {
                own.context = place();
                own.machine = this;
                return own.context;
            }
        }
        return contexts.get();
    }

    private CpuContext place() {
        CpuContext ctx = new CpuContext();
        ctx.cpu = Math.floorMod(placement.getAndIncrement(), gates.count());
        return ctx;
    }

    private void checkCpu(int cpu) {
        if (cpu < 0 || cpu >= gates.count()) {
            throw new IllegalArgumentException("cpu must be between 0 and " + (gates.count() - 1) + ", was " + cpu);
        }
    }
}
