package dev.poolstress.scenarios.storm;

import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.ProducerType;
import dev.poolstress.engine.FreeBlocks;
import dev.poolstress.engine.LockStrategy;
import dev.poolstress.engine.cpu.CpuThread;
import dev.poolstress.engine.pool.DmaPool;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;

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
final class RingStorm extends AbstractStorm {
    private static final long DRAIN_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final RingStormPlan plan;
    private final List<Thread> queueThreads = new ArrayList<>();

    private Disruptor<Command> disruptor;
    private Submitter[] submitters;
    private DeviceQueue[] queues;
    private Thread[] submitterThreads;

    RingStorm(RingStormPlan plan, String strategyId, Function<FreeBlocks, LockStrategy> strategy, StormLimit limit,
            Instrumentation probes) {
        super(plan, strategyId, strategy, limit, probes);
        this.plan = plan;
    }

    @Override
    void prepare() {
        DmaPool[] pools = machine.pools;
        for (int i = 0; i < pools.length; i++) {
            try {
                prefill(i, pools[i], plan.pools().get(i).prefill());
            } catch (OutOfMemoryError e) {
                throw new OutOfDeviceMemory(strategyId, "the prefill of pools[" + i + "]", e);
            }
        }
    }

    @Override
    void launch() {
        machine.device.injectFaults(plan.faults().create());
        int ringSize = Integer.highestOneBit(Math.max(64, plan.depth() * plan.submitterCpus().size()) * 2 - 1);
        disruptor = new Disruptor<>(Command::new, ringSize, this::queueThread, ProducerType.MULTI,
                WaitStrategies.create(plan.waitStrategy()));
        RingBuffer<Command> ring = disruptor.getRingBuffer();
        int count = plan.submitterCpus().size();
        submitters = new Submitter[count];
        long operations = limit.timed() ? 0 : Math.max(1, limit.operations() / count);
        for (int i = 0; i < count; i++) {
            submitters[i] = new Submitter(i, plan.submitterCpus().get(i), machine.cpus, machine.pools, ring,
                    plan.depth(), plan.batch(), plan.randomPool(), operations, stop, timed);
        }
        queues = new DeviceQueue[plan.queues()];
        for (int i = 0; i < queues.length; i++) {
            queues[i] = new DeviceQueue(i, queues.length, machine.cpus, machine.pools, submitters, plan.serviceNanos(),
                    plan.irq(), ledger, stop, timed);
        }
        disruptor.handleEventsWith(queues);
        disruptor.start();
        submitterThreads = new Thread[count];
        for (int i = 0; i < count; i++) {
            submitterThreads[i] = new CpuThread(submitters[i], "storm-submitter-" + i + "-cpu" + submitters[i].cpu);
            submitterThreads[i].setDaemon(true);
            submitterThreads[i].start();
        }
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
    void collect(Tally tally) {
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
        joinAll(queueThreads.toArray(new Thread[0]), 5);
        joinAll(submitterThreads, 5);

        LossAudit audit = tally.audit;
        audit.lostInFlight(inFlight);
        long attempts = 0;
        long allocated = 0;
        long published = 0;
        for (Submitter s : submitters) {
            attempts += s.attempts;
            allocated += s.allocated;
            tally.failures += s.failures;
            published += s.published;
            tally.bytes += s.allocatedBytes;
            tally.alloc.add(s.allocLatency);
            if (s.error != null) {
                tally.error("submitter " + s.index, "submitter " + s.index + " on CPU " + s.cpu, s.error);
            }
        }
        long completed = 0;
        long mismatched = 0;
        long freeErrors = 0;
        for (DeviceQueue q : queues) {
            completed += q.completed;
            tally.freed += q.freed;
            mismatched += q.mismatched;
            freeErrors += q.freeErrors;
            tally.bytes += q.allocatedBytes;
            tally.last = Math.max(tally.last, q.lastCompletion);
            tally.free.add(q.freeLatency);
            if (q.error != null) {
                tally.error("a completion", "a completion", q.error);
            }
        }
        audit.reconcile("allocation attempts = blocks allocated + NULL allocations", attempts,
                allocated + tally.failures);
        audit.reconcile("blocks allocated = commands published", allocated, published);
        audit.reconcile("commands published = commands completed", published, completed);
        audit.reconcile("commands completed = blocks freed + tag mismatches + failed frees", completed,
                tally.freed + mismatched + freeErrors);
        submitters = null;
        queues = null;
        disruptor = null;
        submitterThreads = null;
        queueThreads.clear();
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
}
