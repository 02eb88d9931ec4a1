package dev.poolstress.engine.lockdep;

import dev.poolstress.engine.cpu.Cpus;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/**
 * A lockdep-style validator: reports, from what has been seen once, a deadlock that has not happened yet.
 *
 * <p>Rules, as in the kernel's lockdep: (1) a lock used in irq context must never be taken in process context with
 * interrupts enabled ("inconsistent lock state": the handler could interrupt the holder on its own CPU and spin
 * forever); (2) a lock is never taken by the thread that holds it ("possible recursive locking", thrown as a
 * {@link LockdepException} instead of deadlocking); (3) two locks are never taken in both orders ("possible circular
 * locking dependency"). Each report names the lock, the CPUs, the contexts and the two acquisition sites.
 *
 * <p>On when the system property {@code poolstress.lockdep} is {@code true} (the build sets it for every test); off,
 * {@link #ENABLED} is a constant false and the checks fold away from the hot path. Call sites are captured only the
 * first time a usage or an ordering is seen.
 */
public final class Lockdep {
    public static final boolean ENABLED = Boolean.getBoolean("poolstress.lockdep");

    private static final List<LockdepReport> REPORTS = new CopyOnWriteArrayList<>();
    private static final ThreadLocal<HeldLocks> HELD = ThreadLocal.withInitial(HeldLocks::new);
    private static final StackWalker WALKER = StackWalker.getInstance();

    private Lockdep() {
    }

    /** Called just before {@code lock} is acquired on the calling thread. */
    public static void acquire(LockRecord lock, Cpus cpus) {
        HeldLocks held = HELD.get();
        if (held.contains(lock)) {
            // the holder is this thread, so its first acquisition is usually among these frames too
            AcquisitionSite now = site(cpus, 8);
            String message = "possible recursive locking detected: " + lock + " taken on " + now
                    + " while already held since " + held.siteOf(lock);
            report(LockdepReport.Kind.RECURSIVE_LOCKING, lock, message);
            throw new LockdepException(message);
        }
        checkUsage(lock, cpus);
        for (int i = 0; i < held.depth; i++) {
            checkOrder(held.locks[i], lock, cpus);
        }
        held.push(lock, new AcquisitionSite(cpus.current(), context(cpus), Thread.currentThread().getName(),
                "(frames are kept for first usages only)"));
    }

    /** Called just after {@code lock} is released on the calling thread. */
    public static void release(LockRecord lock) {
        HELD.get().remove(lock);
    }

    public static List<LockdepReport> reports() {
        return List.copyOf(REPORTS);
    }

    /** The reports that name {@code lockName}. */
    public static List<LockdepReport> reportsAbout(String lockName) {
        return REPORTS.stream().filter(r -> r.lock().equals(lockName)).collect(Collectors.toUnmodifiableList());
    }

    /**
     * Removes and returns the reports about the locks of pool {@code poolName} (their names start with it and a
     * dot), so a caller that judges one pool at a time, such as a jcstress arbiter, sees its own and no other's.
     */
    public static List<LockdepReport> takeReportsOfPool(String poolName) {
        String prefix = poolName + ".";
        List<LockdepReport> taken = REPORTS.stream().filter(r -> r.lock().startsWith(prefix)).toList();
        REPORTS.removeAll(taken);
        return taken;
    }

    public static void clear() {
        REPORTS.clear();
    }

    private static void checkUsage(LockRecord lock, Cpus cpus) {
        if (cpus.inIrq()) {
            if (lock.usedInIrq == null) {
                lock.usedInIrq = site(cpus);
            }
        } else if (!cpus.irqsDisabled() && lock.enabledInProcess == null) {
            lock.enabledInProcess = site(cpus);
        }
        AcquisitionSite inIrq = lock.usedInIrq;
        AcquisitionSite irqsOn = lock.enabledInProcess;
        if (inIrq != null && irqsOn != null && !lock.inconsistencyReported) {
            synchronized (lock) {
                if (lock.inconsistencyReported) {
                    return;
                }
                lock.inconsistencyReported = true;
            }
            report(LockdepReport.Kind.INCONSISTENT_LOCK_STATE, lock, "inconsistent lock state: " + lock
                    + " taken in irq context on " + inIrq + ", and in process context with irqs enabled on "
                    + irqsOn + "; an interrupt on CPU " + irqsOn.cpu() + " while it is held would deadlock that CPU");
        }
    }

    private static void checkOrder(LockRecord first, LockRecord second, Cpus cpus) {
        if (first.takenAfter.containsKey(second)) {
            return;
        }
        AcquisitionSite now = site(cpus);
        if (first.takenAfter.putIfAbsent(second, now) != null) {
            return;
        }
        AcquisitionSite reverse = second.takenAfter.get(first);
        if (reverse != null) {
            report(LockdepReport.Kind.CIRCULAR_DEPENDENCY, second, "possible circular locking dependency: "
                    + second + " taken while holding " + first + " on " + now + ", but " + first
                    + " was taken while holding " + second + " on " + reverse);
        }
    }

    private static void report(LockdepReport.Kind kind, LockRecord lock, String message) {
        REPORTS.add(new LockdepReport(kind, lock.name, message));
    }

    private static AcquisitionSite site(Cpus cpus) {
        return site(cpus, 3);
    }

    private static AcquisitionSite site(Cpus cpus, int depth) {
        String frames = WALKER.walk(s -> s
                .filter(f -> !isLockingFrame(f.getClassName()))
                .limit(depth)
                .map(f -> f.getClassName().substring(f.getClassName().lastIndexOf('.') + 1) + "."
                        + f.getMethodName() + ":" + f.getLineNumber())
                .collect(Collectors.joining(" < ")));
        return new AcquisitionSite(cpus.current(), context(cpus), Thread.currentThread().getName(), frames);
    }

    private static String context(Cpus cpus) {
        return cpus.inIrq() ? "irq context"
                : cpus.irqsDisabled() ? "process context, irqs disabled" : "process context, irqs enabled";
    }

    /** The validator's own frames and the engine's locks and CPUs: what a report's sites leave out. */
    private static boolean isLockingFrame(String className) {
        return className.equals(Lockdep.class.getName()) || className.startsWith(Lockdep.class.getName() + "$")
                || className.startsWith("dev.poolstress.engine.lock.")
                || className.startsWith("dev.poolstress.engine.cpu.");
    }

    /** The locks one thread holds, innermost last. */
    private static final class HeldLocks {
        LockRecord[] locks = new LockRecord[8];
        AcquisitionSite[] sites = new AcquisitionSite[8];
        int depth;

        boolean contains(LockRecord lock) {
            for (int i = 0; i < depth; i++) {
                if (locks[i] == lock) {
                    return true;
                }
            }
            return false;
        }

        AcquisitionSite siteOf(LockRecord lock) {
            for (int i = 0; i < depth; i++) {
                if (locks[i] == lock) {
                    return sites[i];
                }
            }
            return null;
        }

        void push(LockRecord lock, AcquisitionSite site) {
            if (depth == locks.length) {
                locks = java.util.Arrays.copyOf(locks, depth * 2);
                sites = java.util.Arrays.copyOf(sites, depth * 2);
            }
            locks[depth] = lock;
            sites[depth] = site;
            depth++;
        }

        void remove(LockRecord lock) {
            for (int i = depth - 1; i >= 0; i--) {
                if (locks[i] == lock) {
                    System.arraycopy(locks, i + 1, locks, i, depth - i - 1);
                    System.arraycopy(sites, i + 1, sites, i, depth - i - 1);
                    depth--;
                    locks[depth] = null;
                    sites[depth] = null;
                    return;
                }
            }
        }
    }
}
