package dev.poolstress.engine.lockdep;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The validator's record of one lock instance (not a class of locks, as the kernel's {@code lock_class} is): its
 * name, the first site at which each usage was seen, and the locks taken while it was held. Each lock creates its
 * own, whether or not the validator is on, and hands it to {@link Lockdep#acquire} and {@link Lockdep#release}; it
 * stays empty when the validator is off.
 */
public final class LockRecord {
    final String name;
    volatile AcquisitionSite usedInIrq;
    volatile AcquisitionSite enabledInProcess;
    volatile boolean inconsistencyReported;
    final Map<LockRecord, AcquisitionSite> takenAfter = new ConcurrentHashMap<>();

    public LockRecord(String name) {
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
