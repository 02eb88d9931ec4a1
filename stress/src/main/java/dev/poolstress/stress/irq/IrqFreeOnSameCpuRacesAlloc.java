package dev.poolstress.stress.irq;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import dev.poolstress.stress.subject.CensusOutcome;
import dev.poolstress.stress.subject.Raced;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.I_Result;

/**
 * An irq-context free racing a process-context allocation on the same CPU leaves the pool consistent. CPU 0
 * allocates {@value IrqFreeRace#IRQS} blocks in process context while the second actor delivers as many completion
 * interrupts to CPU 0, each freeing a block the state allocated, both starting from a
 * {@link dev.poolstress.stress.subject.Rendezvous}; the handler and the allocation contend for CPU 0's own per-CPU
 * data as well as for the pool. Run:
 * <pre>
 *   java -cp stress/target/poolstress-stress-*-jcstress.jar org.openjdk.jcstress.Main -m quick -sc false \
 *        -f 1 -fsm 0 -iters 2 -time 200 -strideSize 32 -strideCount 2 \
 *        -jvmArgs "-Dpoolstress.lockdep=true -Dpoolstress.strategy=percpu" -t IrqFreeOnSameCpuRacesAlloc
 * </pre>
 * Sample (percpu, ci tier, both JVM configurations): {@code 0: 26,722 Acceptable}. In one catalog run the per-CPU
 * cache touched without its CPU's exclusion showed {@code 1}, {@code 2}, {@code 4} and {@code 6} in 7,006 of 20,386
 * samples; with two interrupts a sample and no rendezvous it was 134 to 4,322 a run.
 */
@JCStressTest
@Raced(property = "irq", ci = true)
@Outcome(id = CensusOutcome.CONSISTENT_ID, expect = ACCEPTABLE, desc = "the handler ran before, after or between the "
        + "allocations, never inside the exclusion they hold: 16 owned blocks, nrActive 16, the rest free once")
@Outcome(id = CensusOutcome.OWNED_TWICE_ID, expect = FORBIDDEN, desc = "both allocations returned one block: the "
        + "handler's push ran inside the allocation's pop")
@Outcome(id = CensusOutcome.OWNED_AND_FREE_ID, expect = FORBIDDEN, desc = "an allocated block is still free: the "
        + "handler's push overwrote the process context's pop (a per-CPU stack touched without that CPU's exclusion)")
@Outcome(id = CensusOutcome.FREE_TWICE_ID, expect = FORBIDDEN, desc = "the drain met a block twice: the handler and "
        + "the allocation both wrote one stack slot or head")
@Outcome(id = CensusOutcome.LOST_ID, expect = FORBIDDEN, desc = "a block the handler freed vanished: its push was "
        + "overwritten by the process context's pop")
@Outcome(id = CensusOutcome.COUNT_WRONG_ID, expect = FORBIDDEN, desc = "nrActive is not 16: a count update was lost "
        + "between irq and process context")
@Outcome(id = CensusOutcome.THREW_ID, expect = FORBIDDEN, desc = "the pool threw in one of the contexts")
@Outcome(id = CensusOutcome.NO_BLOCK_ID, expect = FORBIDDEN, desc = "an allocation returned NULL with no page fault "
        + "injected")
@State
public class IrqFreeOnSameCpuRacesAlloc {
    private final IrqFreeRace race = new IrqFreeRace(0);

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
