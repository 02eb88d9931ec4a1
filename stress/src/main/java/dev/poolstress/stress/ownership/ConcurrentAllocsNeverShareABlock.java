package dev.poolstress.stress.ownership;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import dev.poolstress.engine.pool.DmaPool;
import dev.poolstress.stress.subject.CensusOutcome;
import dev.poolstress.stress.subject.Raced;
import dev.poolstress.stress.subject.Rendezvous;
import dev.poolstress.stress.subject.Subject;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.I_Result;

/**
 * Exclusive ownership: two CPUs allocating at once never get the same block, and the pool counts both.
 *
 * <p>The state warms a pool of one page with {@code 2 * }{@value #EACH} blocks. Both CPUs start from a
 * {@link Rendezvous} and allocate {@value #EACH} blocks each, back to back: CPU 0 from the magazine or list the
 * warm-up left it, CPU 1 from an empty per-CPU magazine where there is one, so it refills under the global lock while
 * CPU 0 pops (per-thread magazines start empty on both actors, since the warm-up gave its thread's back: both refill).
 * So many allocations a sample keep the lock contended for the whole sample. Run:
 * <pre>
 *   java -cp stress/target/poolstress-stress-*-jcstress.jar org.openjdk.jcstress.Main -m quick -sc false \
 *        -f 1 -fsm 0 -iters 2 -time 200 -strideSize 32 -strideCount 2 \
 *        -jvmArgs "-Dpoolstress.lockdep=true -Dpoolstress.strategy=spin-mcs" -t ConcurrentAllocsNeverShareABlock
 * </pre>
 * Sample (spin-mcs, ci tier, both JVM configurations): {@code 0: 11,298 Acceptable}; in one catalog run the broken
 * TTAS lock showed {@code 1} (a block handed to both CPUs) and {@code 5} in 7,069 of 10,082 samples, the lock that
 * gives up {@code 1} in 37 of 12,898.
 */
@JCStressTest
@Raced(property = "ownership", ci = true)
@Outcome(id = CensusOutcome.CONSISTENT_ID, expect = ACCEPTABLE, desc = "the allocations were serialised (in either "
        + "order, or overlapping only outside the pool's exclusion): 64 distinct blocks, nrActive 64, the rest free "
        + "once")
@Outcome(id = CensusOutcome.OWNED_TWICE_ID, expect = FORBIDDEN, desc = "both CPUs popped the same head: two "
        + "allocations ran inside the exclusion at once")
@Outcome(id = CensusOutcome.OWNED_AND_FREE_ID, expect = FORBIDDEN, desc = "a block handed out is still on a free "
        + "list: a pop's head update was overwritten by the other CPU's")
@Outcome(id = CensusOutcome.FREE_TWICE_ID, expect = FORBIDDEN, desc = "the drain met a block twice: the free list was "
        + "linked into itself by racing pops or refills")
@Outcome(id = CensusOutcome.LOST_ID, expect = FORBIDDEN, desc = "owned and free blocks fall short of nrBlocks: a "
        + "racing pop or refill dropped blocks")
@Outcome(id = CensusOutcome.COUNT_WRONG_ID, expect = FORBIDDEN, desc = "nrActive is not 64: a counter update was lost "
        + "between the two CPUs")
@Outcome(id = CensusOutcome.THREW_ID, expect = FORBIDDEN, desc = "the pool threw: a race left a foreign link on a list")
@Outcome(id = CensusOutcome.NO_BLOCK_ID, expect = FORBIDDEN, desc = "an allocation returned NULL with no page fault "
        + "injected")
@State
public class ConcurrentAllocsNeverShareABlock {
    /** Allocations per CPU in one sample. */
    static final int EACH = 32;

    private final DmaPool pool = Subject.warmedPool(2 * EACH);
    private final long[] owned = new long[2 * EACH];
    private final Rendezvous start = new Rendezvous();
    private boolean failed0;
    private boolean failed1;

    @Actor
    public void cpu0() {
        Subject.CPUS.bind(0);
        start.arrive();
        failed0 = !Subject.allocOn(0, pool, owned, 0, EACH);
    }

    @Actor
    public void cpu1() {
        Subject.CPUS.bind(1);
        start.arrive();
        failed1 = !Subject.allocOn(1, pool, owned, EACH, 2 * EACH);
    }

    @Arbiter
    public void census(I_Result r) {
        r.r1 = CensusOutcome.take(pool, failed0 || failed1, owned);
    }
}
