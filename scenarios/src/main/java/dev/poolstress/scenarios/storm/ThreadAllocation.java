package dev.poolstress.scenarios.storm;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/** The JVM's own memory counters: heap bytes a thread has allocated, and heap in use after a full GC. */
final class ThreadAllocation {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    private ThreadAllocation() {
    }

    /** Bytes the calling thread has allocated so far; reading it allocates nothing. */
    static long current() {
        return THREADS.getCurrentThreadAllocatedBytes();
    }

    /** Heap in use after a full collection, so that what is left is what is still reachable. */
    static long heapUsedAfterGc() {
        System.gc();
        return MEMORY.getHeapMemoryUsage().getUsed();
    }
}
