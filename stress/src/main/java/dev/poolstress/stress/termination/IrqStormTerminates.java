package dev.poolstress.stress.termination;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import dev.poolstress.engine.cpu.IrqHandler;
import dev.poolstress.engine.pool.DmaPool;
import dev.poolstress.stress.subject.Raced;
import dev.poolstress.stress.subject.Subject;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Mode;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.Signal;
import org.openjdk.jcstress.annotations.State;

/**
 * No deadlock or livelock under an interrupt storm: CPU 0 allocates in process context and frees each block from an
 * interrupt on CPU 1, until told to stop; the signal first fires a storm of {@value #STORM} interrupts at CPU 0, each
 * allocating and freeing, then tells it. A strategy that can wedge a CPU (a lock its own handler waits for, a gate
 * never given back, a lock that strands a waiter, a list looped into itself) leaves the actor running.
 *
 * <p>The storm comes from a device thread the signal starts and waits for at most {@value #STORM_BOUND_MS} ms: the
 * signal itself must return for jcstress to judge the actor. Under a strategy whose allocation takes CPU 0's
 * interrupt gate (every lock taken with irqsave, and percpu), a wedge that catches the storm instead of the actor
 * still shows, because the stuck handler holds that gate. A lock-free allocation takes no gate, so there only a
 * wedge of the actor itself shows. Run:
 * <pre>
 *   java -cp stress/target/poolstress-stress-*-jcstress.jar org.openjdk.jcstress.Main -m quick -sc false \
 *        -f 1 -fsm 0 -iters 2 -time 200 -strideSize 32 -strideCount 2 \
 *        -jvmArgs "-Dpoolstress.lockdep=true -Dpoolstress.strategy=spin-ttas" -t IrqStormTerminates
 * </pre>
 * Sample (spin-ttas, ci tier): {@code TERMINATED: 33 Acceptable}.
 */
@JCStressTest(Mode.Termination)
@Raced(property = "termination", ci = true)
@Outcome(id = "TERMINATED", expect = ACCEPTABLE, desc = "the storm interleaved with CPU 0's sections and CPU 0 saw "
        + "the stop request")
@Outcome(id = "STALE", expect = FORBIDDEN, desc = "CPU 0 never finished: it is wedged on a lock or gate the storm "
        + "left held, or loops on a corrupted free list")
@State
public class IrqStormTerminates {
    private static final int STORM = 64;
    private static final long STORM_BOUND_MS = 1_000;

    private final DmaPool pool = Subject.grownPool();
    private final IrqHandler completion = (cpu, dma) -> pool.free(dma);
    private final IrqHandler churn = (cpu, ignored) -> pool.free(pool.alloc());
    private volatile boolean stop;

    @Actor
    public void allocateOnCpu0() {
        Subject.CPUS.bind(0);
        while (!stop) {
            Subject.CPUS.deliverIrq(1, completion, pool.alloc());
        }
    }

    @Signal
    public void stormThenStop() {
        Thread device = new Thread(this::storm, "irq-storm");
        device.setDaemon(true);
        device.start();
        try {
            device.join(STORM_BOUND_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        stop = true;
    }

    private void storm() {
        Subject.CPUS.bind(1);
        for (int i = 0; i < STORM; i++) {
            Subject.CPUS.deliverIrq(0, churn, 0);
        }
    }
}
