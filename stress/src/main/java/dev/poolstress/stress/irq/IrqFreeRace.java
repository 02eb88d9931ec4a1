package dev.poolstress.stress.irq;

import dev.poolstress.engine.cpu.IrqHandler;
import dev.poolstress.engine.pool.DmaPool;
import dev.poolstress.stress.subject.CensusOutcome;
import dev.poolstress.stress.subject.Subject;

/**
 * The race both irq tests run, apart from the CPU the interrupts go to: CPU 0 allocates twice in process context
 * while another thread delivers two completion interrupts, each freeing a block allocated beforehand.
 */
final class IrqFreeRace {
    private final int irqCpu;
    private final DmaPool pool = Subject.grownPool();
    private final long given0 = pool.alloc();
    private final long given1 = pool.alloc();
    private final IrqHandler completion = (cpu, dma) -> pool.free(dma);
    private long taken0;
    private long taken1;
    private boolean failedProcess;
    private boolean failedIrq;

    IrqFreeRace(int irqCpu) {
        this.irqCpu = irqCpu;
    }

    void allocateTwiceOnCpu0() {
        Subject.CPUS.bind(0);
        try {
            taken0 = pool.alloc();
            taken1 = pool.alloc();
        } catch (RuntimeException e) {
            failedProcess = true;
        }
    }

    void interruptTwice() {
        Subject.CPUS.bind(1);
        try {
            Subject.CPUS.deliverIrq(irqCpu, completion, given0);
            Subject.CPUS.deliverIrq(irqCpu, completion, given1);
        } catch (RuntimeException e) {
            failedIrq = true;
        }
    }

    int census() {
        return CensusOutcome.take(pool, failedProcess || failedIrq, taken0, taken1);
    }
}
