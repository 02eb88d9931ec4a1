package dev.poolstress.stress.irq;

import dev.poolstress.engine.DmaPool;
import dev.poolstress.engine.cpu.IrqHandler;
import dev.poolstress.stress.subject.Census;
import dev.poolstress.stress.subject.Rendezvous;
import dev.poolstress.stress.subject.Subject;

/**
 * The race both irq tests run, apart from the CPU the interrupts go to: CPU 0 allocates {@value #ROUNDS} times in
 * process context while another thread delivers {@value #ROUNDS} completion interrupts, each freeing a block
 * allocated beforehand. Both start from a {@link Rendezvous}, so the interrupts meet the allocations instead of
 * running before or after them.
 */
final class IrqFreeRace {
    static final int ROUNDS = 4;

    private final int irqCpu;
    private final DmaPool pool = Subject.grownPool();
    private final long[] given = new long[ROUNDS];
    private final long[] taken = new long[ROUNDS];
    private final IrqHandler completion = (cpu, dma) -> pool.free(dma);
    private final Rendezvous start = new Rendezvous();
    private boolean failedProcess;
    private boolean failedIrq;

    IrqFreeRace(int irqCpu) {
        this.irqCpu = irqCpu;
        Subject.CPUS.bind(0);
        for (int i = 0; i < ROUNDS; i++) {
            given[i] = pool.alloc();
        }
    }

    void allocateOnCpu0() {
        Subject.CPUS.bind(0);
        start.arrive();
        failedProcess = !Subject.allocOn(0, pool, taken, 0, ROUNDS);
    }

    void interrupt() {
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
        return Census.take(pool, failedProcess || failedIrq, taken);
    }
}
