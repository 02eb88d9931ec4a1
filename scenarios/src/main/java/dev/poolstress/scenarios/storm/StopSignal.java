package dev.poolstress.scenarios.storm;

import java.util.concurrent.CountDownLatch;

/** The start gate every storm thread waits at, and the stop every one of them polls: a flag or a deadline. */
final class StopSignal {
    private final CountDownLatch gate = new CountDownLatch(1);
    private volatile boolean stopped;
    private volatile long deadline = Long.MAX_VALUE;
    private volatile long startNanos;

    void open(long durationNanos) {
        startNanos = System.nanoTime();
        if (durationNanos > 0) {
            deadline = startNanos + durationNanos;
        }
        gate.countDown();
    }

    void awaitStart() throws InterruptedException {
        gate.await();
    }

    long startNanos() {
        return startNanos;
    }

    void stop() {
        stopped = true;
    }

    boolean stopped() {
        if (stopped) {
            return true;
        }
        if (System.nanoTime() - deadline >= 0) {
            stopped = true;
        }
        return stopped;
    }
}
