package dev.poolstress.engine.lockdep;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the validator knows about one lock: its name, the first site at which each usage was seen, and the locks
 * taken while it was held. One per lock instance; a lock creates it whether or not the validator is on, and it
 * stays empty when the validator is off.
 */
public final class LockClass {
    final String name;
    volatile AcquisitionSite usedInIrq;
    volatile AcquisitionSite enabledInProcess;
    volatile boolean inconsistencyReported;
    final Map<LockClass, AcquisitionSite> takenAfter = new ConcurrentHashMap<>();

    public LockClass(String name) {
        this.name = name;
    }

    public String name() {
        return name;
    }

    @Override
    public String toString() {
        return name;
    }
}
