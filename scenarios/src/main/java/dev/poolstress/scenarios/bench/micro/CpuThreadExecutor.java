package dev.poolstress.scenarios.bench.micro;

import dev.poolstress.engine.cpu.CpuThread;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * JMH's worker threads as {@link CpuThread}s ({@code -Djmh.executor=CUSTOM -Djmh.executor.class=...}), so a
 * benchmark thread finds its virtual CPU as the storms' bound workers do, from a field rather than a
 * {@code ThreadLocal}. JMH makes it by reflection with its thread count and name prefix.
 */
public final class CpuThreadExecutor extends ThreadPoolExecutor {
    public CpuThreadExecutor(int maxThreads, String prefix) {
        super(maxThreads, maxThreads, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), new Factory(prefix));
    }

    private static final class Factory implements java.util.concurrent.ThreadFactory {
        private final String prefix;
        private final AtomicInteger made = new AtomicInteger();

        Factory(String prefix) {
            this.prefix = prefix;
        }

        @Override
        public Thread newThread(Runnable task) {
            Thread thread = new CpuThread(task, prefix + "-jmh-worker-" + made.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    }
}
