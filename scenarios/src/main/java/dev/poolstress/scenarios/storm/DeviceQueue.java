package dev.poolstress.scenarios.storm;

import com.lmax.disruptor.EventHandler;
import dev.poolstress.engine.cpu.Cpus;
import dev.poolstress.engine.cpu.IrqHandler;
import dev.poolstress.engine.pool.DmaPool;
import org.HdrHistogram.Histogram;

/**
 * One hardware queue of the device: consumes its share of the ring (sequence modulo the number of queues),
 * services each command (a busy spin of {@code serviceNanos}), posts its completion, and raises the completion
 * interrupt on the CPU the routing picks. Its own interrupt handler, run in irq context on that CPU, checks each
 * block's ownership tag and frees it; a tag that is not the command's own is noted as double ownership and the
 * block is left to its other owner.
 *
 * <p>One interrupt serves every completion posted for its CPU so far, as the kernel's NVMe driver drains its whole
 * completion queue in one handler ({@code nvme_irq}, {@code nvme_process_cq}): completions are posted as the ring
 * hands them over and the interrupts raised at the end of each batch the ring hands this queue, or once
 * {@value #COMPLETION_QUEUE} completions are waiting. Each free still runs in irq context on its CPU, so the
 * races the storm can show are the same; only the number of interrupts falls, as on the real device.
 *
 * <p>Preallocated, one per queue; completing a command allocates nothing.
 */
final class DeviceQueue implements EventHandler<Command>, IrqHandler {
    /** Completions posted before the interrupts are raised regardless of the batch. */
    static final int COMPLETION_QUEUE = 32;

    final Histogram freeLatency = Latency.newHistogram();

    private final int index;
    private final int queues;
    private final Cpus cpus;
    private final DmaPool[] pools;
    private final Submitter[] submitters;
    private final long serviceNanos;
    private final IrqRouting routing;
    private final OwnershipLedger ledger;
    private final StopSignal stop;
    private final boolean timed;

    long completed;
    long freed;
    long mismatched;
    long freeErrors;
    long lastCompletion;
    long allocatedBytes;
    Throwable error;
    private long bytesAtStart;
    /** Posted completions not yet handled, and the CPU each one's interrupt goes to. */
    private final Command[] posted = new Command[COMPLETION_QUEUE];
    private final int[] postedCpu = new int[COMPLETION_QUEUE];
    private int postedCount;
    /** Completions per submitter not yet subtracted from its in-flight count. */
    private final long[] unsettled;
    private int spreadNext;
    private final XorShift random;

    DeviceQueue(int index, int queues, Cpus cpus, DmaPool[] pools, Submitter[] submitters, long serviceNanos,
                IrqRouting routing, OwnershipLedger ledger, StopSignal stop, boolean timed) {
        this.timed = timed;
        this.index = index;
        this.queues = queues;
        this.cpus = cpus;
        this.pools = pools;
        this.submitters = submitters;
        this.serviceNanos = serviceNanos;
        this.routing = routing;
        this.ledger = ledger;
        this.stop = stop;
        this.unsettled = new long[submitters.length];
        this.spreadNext = index % cpus.count();
        this.random = new XorShift(0xD1B54A32D192ED03L * (index + 1));
    }

    @Override
    public void onStart() {
        bytesAtStart = ThreadAllocation.current();
    }

    @Override
    public void onShutdown() {
        allocatedBytes = ThreadAllocation.current() - bytesAtStart;
    }

    @Override
    public void onEvent(Command command, long sequence, boolean endOfBatch) {
        if (queues == 1 || sequence % queues == index) {
            process(command);
        }
        if (endOfBatch || postedCount == COMPLETION_QUEUE) {
            raiseInterrupts(); // the ring may reuse this batch's slots once we return from its last event
        }
        if (endOfBatch) {
            settle();
            if (!timed) {
                lastCompletion = System.nanoTime(); // one clock read per batch, not per command
            }
        }
    }

    private void process(Command command) {
        if (serviceNanos > 0) {
            long end = System.nanoTime() + serviceNanos;
            while (System.nanoTime() - end < 0) {
                Thread.onSpinWait();
            }
        }
        posted[postedCount] = command;
        postedCpu[postedCount] = target(command);
        postedCount++;
    }

    /** One interrupt per CPU that has posted completions; each handler drains that CPU's completions. */
    private void raiseInterrupts() {
        for (int i = 0; i < postedCount; i++) {
            if (posted[i] == null) {
                continue; // handled by an earlier interrupt of its CPU
            }
            int cpu = postedCpu[i];
            try {
                cpus.deliverIrq(cpu, this, i);
            } catch (Throwable t) {
                // the handler did not run: complete its commands here so their submitters are not left waiting
                failed(t);
                for (int j = i; j < postedCount; j++) {
                    if (posted[j] != null && postedCpu[j] == cpu) {
                        complete(posted[j]);
                        posted[j] = null;
                    }
                }
            }
        }
        postedCount = 0;
    }

    /** The completion interrupt, in irq context on {@code cpu}: drains its posted completions from {@code first}. */
    @Override
    public void handle(int cpu, long first) {
        for (int i = (int) first; i < postedCount; i++) {
            Command command = posted[i];
            if (command != null && postedCpu[i] == cpu) {
                posted[i] = null;
                free(command);
            }
        }
    }

    private void free(Command command) {
        long dma = command.dma;
        try {
            DmaPool pool = pools[command.pool];
            long found = pool.getLong(dma, OwnershipTag.OFFSET);
            if (found != command.tag) {
                mismatched++;
                ledger.note(command.pool, dma, command.tag, found);
            } else {
                if (timed) {
                    lastCompletion = Latency.timedFree(pool, dma, freeLatency);
                } else {
                    pool.free(dma);
                }
                freed++;
            }
        } catch (Throwable t) {
            failed(t);
        } finally {
            complete(command);
        }
    }

    private void failed(Throwable t) {
        freeErrors++;
        if (error == null) {
            error = t;
        }
        stop.stop();
    }

    private void complete(Command command) {
        completed++;
        unsettled[command.submitter]++;
    }

    /**
     * Tells the submitters how many of their commands completed, once per batch the ring hands this queue: one
     * atomic update per submitter and batch instead of one shared cache-line write per command.
     */
    private void settle() {
        for (int s = 0; s < unsettled.length; s++) {
            if (unsettled[s] != 0) {
                submitters[s].inFlight.addAndGet(-unsettled[s]);
                unsettled[s] = 0;
            }
        }
    }

    private int target(Command command) {
        switch (routing.mode()) {
            case SUBMITTER:
                return submitters[command.submitter].cpu;
            case FIXED:
                return routing.cpu();
            case SPREAD:
                int cpu = spreadNext;
                spreadNext = cpu + 1 == cpus.count() ? 0 : cpu + 1;
                return cpu;
            default:
                return random.nextInt(cpus.count());
        }
    }
}
