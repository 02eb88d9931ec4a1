package dev.poolstress.scenarios.storm;

import com.lmax.disruptor.EventHandler;
import dev.poolstress.engine.DmaPool;
import dev.poolstress.engine.cpu.Cpus;
import dev.poolstress.engine.cpu.IrqHandler;
import org.HdrHistogram.Histogram;

/**
 * One hardware queue of the device: consumes its share of the ring (sequence modulo the number of queues),
 * services each command (a busy spin of {@code serviceNanos}), and raises the completion interrupt on the CPU the
 * routing picks. Its own interrupt handler, run in irq context on that CPU, checks the block's ownership tag and
 * frees it; a tag that is not the command's own is noted as double ownership and the block is left to its other
 * owner.
 *
 * <p>Preallocated, one per queue; completing a command allocates nothing.
 */
final class DeviceQueue implements EventHandler<Command>, IrqHandler {
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
    private Command current;
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
        current = command;
        try {
            cpus.deliverIrq(target(command), this, command.dma);
        } catch (Throwable t) {
            // the handler did not run: complete the command here so its submitter is not left waiting
            if (current != null) {
                failed(t);
                complete(command);
            }
        }
    }

    /** The completion interrupt: irq context on {@code cpu}. */
    @Override
    public void handle(int cpu, long dma) {
        Command command = current;
        current = null;
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
