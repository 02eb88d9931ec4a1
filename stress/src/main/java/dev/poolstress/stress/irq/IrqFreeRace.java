package dev.poolstress.stress.irq;

import dev.poolstress.engine.cpu.IrqHandler;
import dev.poolstress.engine.pool.DmaPool;
import dev.poolstress.stress.subject.CensusOutcome;
import dev.poolstress.stress.subject.Rendezvous;
import dev.poolstress.stress.subject.Subject;

/**
 * The race both irq tests run, apart from the CPU the interrupts go to: CPU 0 allocates {@value #IRQS} blocks in
 * process context while another thread delivers as many completion interrupts, each freeing a block allocated
 * beforehand; both start from a {@link Rendezvous}.
 */
final class IrqFreeRace {
    /** Allocations in process context, and completion interrupts, in one sample. */
    static final int IRQS = 16;

    private final int irqCpu;
    private final DmaPool pool = Subject.grownPool();
    private final long[] given = new long[IRQS];
    private final long[] taken = new long[IRQS];
    private final Rendezvous start = new Rendezvous();
    private final IrqHandler completion = (cpu, dma) -> pool.free(dma);
    private boolean failedProcess;
    private boolean failedIrq;

    IrqFreeRace(int irqCpu) {
        this.irqCpu = irqCpu;
        Subject.CPUS.bind(0);
        for (int i = 0; i < IRQS; i++) {
            given[i] = pool.alloc();
        }
    }

    void allocateOnCpu0() {
        Subject.CPUS.bind(0);
        start.arrive();
        failedProcess = !Subject.allocOn(0, pool, taken, 0, IRQS);
    }

    void deliverCompletions() {
        Subject.CPUS.bind(1);
        start.arrive();
        try {
            for (long dma : given) {
                Subject.CPUS.deliverIrq(irqCpu, completion, dma);
            }
        } catch (RuntimeException e) {
            failedIrq = true;
        }
    }

    int census() {
        return CensusOutcome.take(pool, failedProcess || failedIrq, taken);
    }
}
