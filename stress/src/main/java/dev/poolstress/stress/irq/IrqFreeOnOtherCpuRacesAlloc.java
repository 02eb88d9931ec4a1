package dev.poolstress.stress.irq;

import dev.poolstress.stress.subject.Raced;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressMeta;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.I_Result;

/**
 * An irq-context free racing a process-context allocation on another CPU leaves the pool consistent. CPU 0
 * allocates {@value IrqFreeRace#IRQS} blocks in process context while the second actor delivers as many completion
 * interrupts to CPU 1, each freeing a block the state allocated; the handler and the allocation meet only in the
 * shared pool, so the test bites on strategies with one global free list (under percpu each CPU keeps to its own
 * magazine here). Run:
 * <pre>
 *   java -cp stress/target/poolstress-stress-*-jcstress.jar org.openjdk.jcstress.Main -m quick -sc false \
 *        -jvmArgs "-Dpoolstress.lockdep=true -Dpoolstress.strategy=spin-mcs" -t IrqFreeOnOtherCpuRacesAlloc
 * </pre>
 * Sample (spin-mcs, ci tier, both JVM configurations): {@code 0: 11,490 Acceptable}.
 */
@JCStressTest
@Raced(property = "irq", ci = true)
@JCStressMeta(IrqFreeOnSameCpuRacesAlloc.class)
@State
public class IrqFreeOnOtherCpuRacesAlloc {
    private final IrqFreeRace race = new IrqFreeRace(1);

    @Actor
    public void processOnCpu0() {
        race.allocateOnCpu0();
    }

    @Actor
    public void interrupt() {
        race.deliverCompletions();
    }

    @Arbiter
    public void census(I_Result r) {
        r.r1 = race.census();
    }
}
