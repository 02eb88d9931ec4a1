package dev.poolstress.scenarios.storm;

import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.ProducerType;
import dev.poolstress.engine.FreeBlocks;
import dev.poolstress.engine.LockStrategy;
import dev.poolstress.engine.cpu.CpuThread;
import dev.poolstress.engine.cpu.Cpus;
import dev.poolstress.engine.pool.Device;
import dev.poolstress.engine.pool.DmaPool;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import org.HdrHistogram.Histogram;

/**
 * A ring storm: submitters in process context allocate blocks and publish commands into a multi-producer
 * Disruptor ring that stands for the device; device queues complete them and free each block from a completion
 * interrupt, in irq context on the CPU the plan routes it to.
 *
 * <pre>
 *   CPU a: Submitter 0 --alloc, tag--+                 +--> DeviceQueue 0 --deliverIrq(cpu x)--> check tag, free
 *   CPU b: Submitter 1 --alloc, tag--+--> [ ring ] ----+
 *     ...  (depth, batch)            |  multi-producer +--> DeviceQueue 1 --deliverIrq(cpu y)--> check tag, free
 *   CPU n: Submitter k --alloc, tag--+                       (seq % queues)     (submitter, cpu:N, spread, random)
 * </pre>
 *
 * Every run ends with a {@link LossAudit}: all commands completed, counts reconciled, every block back once.
 */
final class RingStorm implements Storm {
    private static final long DRAIN_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final RingStormPlan plan;
    private final String strategyId;
    private final Function<FreeBlocks, LockStrategy> strategy;
    private final StormLimit limit;
    private final boolean timed;
    private final StopSignal stop = new StopSignal();
    private final OwnershipLedger ledger = new OwnershipLedger();
    private final List<Thread> queueThreads = new ArrayList<>();

    private StormMachine machine;
    private Cpus cpus;
    private Device device;
    private DmaPool[] pools;
    private Contention contention;
    private Disruptor<Command> disruptor;
    private Submitter[] submitters;
    private DeviceQueue[] queues;
    private Thread[] submitterThreads;
    private long heapBefore;
    private long pagesBefore;
    private boolean started;

    RingStorm(RingStormPlan plan, String strategyId, Function<FreeBlocks, LockStrategy> strategy, StormLimit limit,
            Instrumentation probes) {
        this.timed = probes == Instrumentation.FULL;
        this.plan = plan;
        this.strategyId = strategyId;
        this.strategy = strategy;
        this.limit = limit;
    }

    @Override
    public void start() {
        if (started) {
            throw new IllegalStateException("a storm runs once");
        }
        started = true;
        heapBefore = ThreadAllocation.heapUsedAfterGc();
        machine = new StormMachine(plan.cpus(), plan.pools(), plan.algorithm(), plan.debug(), strategy, timed);
        contention = machine.contention;
        cpus = machine.cpus;
        device = machine.device;
        pools = machine.pools;
        for (int i = 0; i < pools.length; i++) {
            try {
                prefill(i, pools[i], plan.pools().get(i).prefill());
            } catch (OutOfMemoryError e) {
                throw new OutOfDeviceMemory(strategyId, "the prefill of pools[" + i + "]", e);
            }
        }
        contention.reset();
        pagesBefore = machine.pages();
        device.injectFaults(plan.faults().create());

        int ringSize = Integer.highestOneBit(Math.max(64, plan.depth() * plan.submitterCpus().size()) * 2 - 1);
        disruptor = new Disruptor<>(Command::new, ringSize, this::queueThread, ProducerType.MULTI,
                WaitStrategies.create(plan.waitStrategy()));
        RingBuffer<Command> ring = disruptor.getRingBuffer();
        int count = plan.submitterCpus().size();
        submitters = new Submitter[count];
        long operations = limit.timed() ? 0 : Math.max(1, limit.operations() / count);
        for (int i = 0; i < count; i++) {
            submitters[i] = new Submitter(i, plan.submitterCpus().get(i), cpus, pools, ring, plan.depth(),
                    plan.batch(), plan.randomPool(), operations, stop, timed);
        }
        queues = new DeviceQueue[plan.queues()];
        for (int i = 0; i < queues.length; i++) {
            queues[i] = new DeviceQueue(i, queues.length, cpus, pools, submitters, plan.serviceNanos(), plan.irq(),
                    ledger, stop, timed);
        }
        disruptor.handleEventsWith(queues);
        disruptor.start();
        submitterThreads = new Thread[count];
        for (int i = 0; i < count; i++) {
            submitterThreads[i] = new CpuThread(submitters[i], "storm-submitter-" + i + "-cpu" + submitters[i].cpu);
            submitterThreads[i].setDaemon(true);
            submitterThreads[i].start();
        }
        stop.open(limit.timed() ? limit.duration().toNanos() : 0);
    }

    @Override
    public boolean quiescent() {
        for (Submitter submitter : submitters) {
            if (!submitter.done || submitter.inFlight.get() != 0) {
                return false;
            }
        }
        return true;
    }

    @Override
    public StormResult finish() {
        if (!quiescent()) {
            stop.stop();
            long deadline = System.nanoTime() + DRAIN_TIMEOUT_NANOS;
            while (!quiescent() && System.nanoTime() - deadline < 0) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
            }
        }
        long inFlight = 0;
        for (Submitter submitter : submitters) {
            inFlight += submitter.inFlight.get();
        }
        disruptor.halt();
        joinAll(queueThreads.toArray(new Thread[0]));
        joinAll(submitterThreads);

        LossAudit audit = new LossAudit(device);
        audit.lostInFlight(inFlight);
        long attempts = 0;
        long allocated = 0;
        long failures = 0;
        long published = 0;
        long bytes = 0;
        Histogram alloc = Latency.newHistogram();
        OutOfDeviceMemory exhausted = null;
        for (Submitter s : submitters) {
            attempts += s.attempts;
            allocated += s.allocated;
            failures += s.failures;
            published += s.published;
            bytes += s.allocatedBytes;
            alloc.add(s.allocLatency);
            if (s.error != null) {
                audit.error("submitter " + s.index + " on CPU " + s.cpu, s.error);
                exhausted = exhausted != null ? exhausted : OutOfDeviceMemory.of(strategyId, "submitter " + s.index, s.error);
            }
        }
        long completed = 0;
        long freed = 0;
        long mismatched = 0;
        long freeErrors = 0;
        long last = stop.startNanos();
        Histogram free = Latency.newHistogram();
        for (DeviceQueue q : queues) {
            completed += q.completed;
            freed += q.freed;
            mismatched += q.mismatched;
            freeErrors += q.freeErrors;
            bytes += q.allocatedBytes;
            last = Math.max(last, q.lastCompletion);
            free.add(q.freeLatency);
            if (q.error != null) {
                audit.error("a completion", q.error);
                exhausted = exhausted != null ? exhausted : OutOfDeviceMemory.of(strategyId, "a completion", q.error);
            }
        }
        audit.reconcile("allocation attempts = blocks allocated + NULL allocations", attempts, allocated + failures);
        audit.reconcile("blocks allocated = commands published", allocated, published);
        audit.reconcile("commands published = commands completed", published, completed);
        audit.reconcile("commands completed = blocks freed + tag mismatches + failed frees", completed,
                freed + mismatched + freeErrors);
        long pagesGrown = machine.pages() - pagesBefore;
        long pageFailures = device.pageFailures();
        machine.audit(audit, ledger);
        LossReport loss = audit.report();
        Latency allocLatency = Latency.of(alloc);
        Latency freeLatency = Latency.of(free);
        // drop what the storm holds (histograms, ring, pools), so the heap after it shows only what leaked
        alloc = null;
        free = null;
        submitters = null;
        queues = null;
        disruptor = null;
        submitterThreads = null;
        queueThreads.clear();
        pools = null;
        device = null;
        cpus = null;
        machine = null;
        if (exhausted != null) {
            throw exhausted; // after the audit has given the device its pages back
        }
        long heapAfter = ThreadAllocation.heapUsedAfterGc();
        return new StormResult(strategyId, last - stop.startNanos(), freed, failures, allocLatency,
                freeLatency, contention.calls(), contention.waited(), contention.waitNanos(), pagesGrown,
                pageFailures, bytes, heapBefore, heapAfter, loss);
    }

    /**
     * Grows a pool to {@code blocks} blocks before the storm, so growth stays out of the measured phase. The blocks
     * carry ownership tags like the storm's, so a strategy that hands one out twice is caught here too.
     */
    private void prefill(int poolIndex, DmaPool pool, int blocks) {
        long[] taken = new long[blocks];
        int n = 0;
        for (int i = 0; i < blocks; i++) {
            long dma = pool.alloc();
            if (dma != DmaPool.NULL) {
                pool.putLong(dma, OwnershipTag.OFFSET, OwnershipTag.of(OwnershipTag.PREFILL, i));
                taken[n++] = dma;
            }
        }
        for (int i = 0; i < n; i++) {
            long tag = OwnershipTag.of(OwnershipTag.PREFILL, i);
            long found = pool.getLong(taken[i], OwnershipTag.OFFSET);
            if (found == tag) {
                pool.free(taken[i]);
            } else {
                ledger.note(poolIndex, taken[i], tag, found);
            }
        }
    }

    private Thread queueThread(Runnable runnable) {
        Thread thread = new CpuThread(runnable, "storm-queue-" + queueThreads.size());
        thread.setDaemon(true);
        queueThreads.add(thread);
        return thread;
    }

    private static void joinAll(Thread[] threads) {
        for (Thread thread : threads) {
            try {
                thread.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
