package dev.poolstress.stress.lockdep;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import dev.poolstress.engine.cpu.IrqHandler;
import dev.poolstress.engine.lockdep.Lockdep;
import dev.poolstress.engine.pool.DmaPool;
import dev.poolstress.stress.subject.Raced;
import dev.poolstress.stress.subject.Subject;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.I_Result;

/**
 * A lock that irq-context frees take is never taken with interrupts enabled: the lockdep-style validator reports
 * nothing while CPU 0 allocates in process context and a completion interrupt on CPU 0 frees. The deadlock this
 * guards against (a handler spinning on a lock its own CPU holds) cannot happen in the emulation, so the validator's
 * report is the evidence; the forks must run with {@code -Dpoolstress.lockdep=true}. Run:
 * <pre>
 *   java -cp stress/target/poolstress-stress-*-jcstress.jar org.openjdk.jcstress.Main -m quick -sc false \
 *        -f 1 -fsm 0 -iters 2 -time 200 -strideSize 32 -strideCount 2 \
 *        -jvmArgs "-Dpoolstress.lockdep=true -Dpoolstress.strategy=spin-ticket" -t IrqUsedLockIsIrqSafe
 * </pre>
 * Sample (spin-ticket, ci tier): {@code 0: 7,842 Acceptable}; the catalog's irq-unsafe spinlock shows {@code 1} in
 * every one of 12,578 samples.
 */
@JCStressTest
@Raced(property = "lockdep", ci = true)
@Outcome(id = "0", expect = ACCEPTABLE, desc = "every acquisition in process context had interrupts off, so the "
        + "handler's acquisition on CPU 0 could never interrupt a holder: no validator report")
@Outcome(id = "1", expect = FORBIDDEN, desc = "the validator reported a lock taken in irq context on CPU 0 and also "
        + "taken in process context with interrupts enabled (inconsistent lock state), or another lockdep rule")
@Outcome(id = "2", expect = FORBIDDEN, desc = "the validator is off: run the forks with -Dpoolstress.lockdep=true")
@Outcome(id = "3", expect = FORBIDDEN, desc = "the pool threw in one of the contexts")
@State
public class IrqUsedLockIsIrqSafe {
    private static final AtomicLong POOLS = new AtomicLong();

    /** Named for this state alone: the validator's reports are global to the fork, so the arbiter picks out its own. */
    private final String poolName = "irq-safe-" + POOLS.incrementAndGet();
    private final DmaPool pool = Subject.grownPool(poolName);
    private final long given = pool.alloc();
    private final IrqHandler completion = (cpu, dma) -> pool.free(dma);
    private boolean failed;

    @Actor
    public void processOnCpu0() {
        Subject.CPUS.bind(0);
        try {
            pool.alloc();
        } catch (RuntimeException e) {
            failed = true;
        }
    }

    @Actor
    public void interruptOnCpu0() {
        Subject.CPUS.bind(1);
        try {
            Subject.CPUS.deliverIrq(0, completion, given);
        } catch (RuntimeException e) {
            failed = true;
        }
    }

    @Arbiter
    public void validator(I_Result r) {
        if (!Lockdep.ENABLED) {
            r.r1 = 2;
        } else if (failed) {
            r.r1 = 3;
        } else {
            // taking this pool's reports also keeps the fork's list short when a broken lock reports on every pool
            r.r1 = Lockdep.takeReportsOfPool(poolName).isEmpty() ? 0 : 1;
        }
    }
}
