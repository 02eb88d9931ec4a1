package dev.poolstress.engine.lockdep;

/** Where and how a lock was taken: the CPU, the context, and the caller's frames. */
public record AcquisitionSite(int cpu, String context, String thread, String frames) {
    @Override
    public String toString() {
        return "CPU " + cpu + " " + context + " [" + thread + "] at " + frames;
    }
}
