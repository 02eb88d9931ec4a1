package dev.poolstress.engine.cpu;

/** What one thread is doing on the virtual machine: its CPU and whether it is running an interrupt handler. */
final class CpuContext {
    /** The CPU this thread runs on in process context. */
    int cpu;
    /** The CPU whose handler this thread is running, or -1 in process context. */
    int irqCpu = -1;
    /** How many handlers are nested on this thread (a handler may deliver another CPU's interrupt). */
    int irqDepth;

    int current() {
        return irqCpu >= 0 ? irqCpu : cpu;
    }
}
