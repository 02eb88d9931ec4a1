package dev.poolstress.scenarios.storm;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * One run of a scenario under one strategy. {@link #start()} sets it going; {@link #quiescent()} turns true when
 * the submitters have stopped and every command has been completed; {@link #finish()} then stops the device, audits
 * the pools and reports. Not reusable: a storm runs once.
 */
public interface Storm {
    void start();

    /** Whether all work is done and no command is in flight (the ring drained, every completion delivered). */
    boolean quiescent();

    /** Stops the storm's threads, proves whether anything was lost, and measures; call once it is quiescent. */
    StormResult finish();

    /** Starts the storm, waits until it is quiescent or {@code timeout} has passed, and finishes it. */
    default StormResult run(Duration timeout) {
        start();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!quiescent() && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
        return finish();
    }
}
