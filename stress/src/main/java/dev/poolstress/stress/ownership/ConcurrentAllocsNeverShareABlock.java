package dev.poolstress.stress.ownership;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import dev.poolstress.engine.pool.DmaPool;
import dev.poolstress.stress.subject.CensusOutcome;
import dev.poolstress.stress.subject.Raced;
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
 * <p>CPU 0 allocates twice from the magazine or list the state's warm-up left it; CPU 1 allocates twice, from an
 * empty per-CPU magazine where there is one, so it refills under the global lock while CPU 0 pops (under percpu,
 * CPU 0's second allocation refills too). Run:
 * <pre>
 *   java -cp stress/target/poolstress-stress-*-jcstress.jar org.openjdk.jcstress.Main -m quick -sc false \
 *        -f 1 -fsm 0 -iters 2 -time 200 \
 *        -jvmArgs "-Dpoolstress.lockdep=true -Dpoolstress.strategy=spin-mcs" -t ConcurrentAllocsNeverShareABlock
 * </pre>
 * Sample (spin-mcs, ci tier): {@code 0: 812,070 Acceptable}; the broken TTAS lock of the catalog shows
 * {@code 1} (a block handed to both CPUs).
 */
@JCStressTest
@Raced(property = "ownership", ci = true)
@Outcome(id = CensusOutcome.CONSISTENT_ID, expect = ACCEPTABLE, desc = "the allocations were serialised (in either "
        + "order, or overlapping only outside the pool's exclusion): four distinct blocks, nrActive 4, the rest free "
        + "once")
@Outcome(id = CensusOutcome.OWNED_TWICE_ID, expect = FORBIDDEN, desc = "both CPUs popped the same head: two "
        + "allocations ran inside the exclusion at once")
@Outcome(id = CensusOutcome.OWNED_AND_FREE_ID, expect = FORBIDDEN, desc = "a block handed out is still on a free "
        + "list: a pop's head update was overwritten by the other CPU's")
@Outcome(id = CensusOutcome.FREE_TWICE_ID, expect = FORBIDDEN, desc = "the drain met a block twice: the free list was "
        + "linked into itself by racing pops or refills")
@Outcome(id = CensusOutcome.LOST_ID, expect = FORBIDDEN, desc = "owned and free blocks fall short of nrBlocks: a "
        + "racing pop or refill dropped blocks")
@Outcome(id = CensusOutcome.COUNT_WRONG_ID, expect = FORBIDDEN, desc = "nrActive is not 4: a counter update was lost "
        + "between the two CPUs")
@Outcome(id = CensusOutcome.THREW_ID, expect = FORBIDDEN, desc = "the pool threw: a race left a foreign link on a list")
@Outcome(id = CensusOutcome.NO_BLOCK_ID, expect = FORBIDDEN, desc = "an allocation returned NULL with no page fault "
        + "injected")
@State
public class ConcurrentAllocsNeverShareABlock {
    private final DmaPool pool = Subject.grownPool();
    private long a0;
    private long a1;
    private long b0;
    private long b1;
    private boolean failed0;
    private boolean failed1;

    @Actor
    public void cpu0() {
        Subject.CPUS.bind(0);
        try {
            a0 = pool.alloc();
            a1 = pool.alloc();
        } catch (RuntimeException e) {
            failed0 = true;
        }
    }

    @Actor
    public void cpu1() {
        Subject.CPUS.bind(1);
        try {
            b0 = pool.alloc();
            b1 = pool.alloc();
        } catch (RuntimeException e) {
            failed1 = true;
        }
    }

    @Arbiter
    public void census(I_Result r) {
        r.r1 = CensusOutcome.take(pool, failed0 || failed1, a0, a1, b0, b1);
    }
}
