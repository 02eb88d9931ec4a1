package dev.poolstress.stress.loss;

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
 * No loss: after any interleaving of frees and allocations on two CPUs, every block is free once or owned once and
 * {@code nrActive} agrees. Each CPU frees {@value #ROUNDS} blocks the state allocated, then allocates as many, both
 * starting from a {@link Rendezvous}, so frees on one CPU meet the other CPU's frees (counters) and its allocations
 * (the link a free writes) in most samples. Run:
 * <pre>
 *   java -cp stress/target/poolstress-stress-*-jcstress.jar org.openjdk.jcstress.Main -m quick -sc false \
 *        -f 1 -fsm 0 -iters 2 -time 200 -strideSize 32 -strideCount 2 \
 *        -jvmArgs "-Dpoolstress.lockdep=true -Dpoolstress.strategy=spin-mcs" -t AllocFreeLosesNoBlock
 * </pre>
 * Sample (spin-mcs, ci tier, both JVM configurations): {@code 0: 13,794 Acceptable}. In one catalog run the
 * unlocked free showed {@code 1}, {@code 4} and {@code 5} in 11,747 of 12,514 samples, the racy count {@code 5} in
 * 6,011 of 13,986, the early unlock {@code 1}, {@code 3} and {@code 4} in 2,662 of 11,298; with 3 frees and
 * allocations a CPU and no rendezvous they were 131 to 52,399 a run.
 */
@JCStressTest
@Raced(property = "loss", ci = true)
@Outcome(id = CensusOutcome.CONSISTENT_ID, expect = ACCEPTABLE, desc = "frees and allocations serialised in any order: "
        + "16 owned blocks, nrActive 16, every other block free once")
@Outcome(id = CensusOutcome.OWNED_TWICE_ID, expect = FORBIDDEN, desc = "both CPUs allocated one block: an allocation "
        + "popped a head whose push had not finished")
@Outcome(id = CensusOutcome.OWNED_AND_FREE_ID, expect = FORBIDDEN, desc = "an allocated block is still on a free list: "
        + "a free's head update overwrote the other CPU's pop")
@Outcome(id = CensusOutcome.FREE_TWICE_ID, expect = FORBIDDEN, desc = "the drain met a block twice: two pushes linked "
        + "the same head")
@Outcome(id = CensusOutcome.LOST_ID, expect = FORBIDDEN, desc = "a freed block vanished: one CPU's push was "
        + "overwritten by the other's, or a pop followed a link not yet written")
@Outcome(id = CensusOutcome.COUNT_WRONG_ID, expect = FORBIDDEN, desc = "nrActive is not 16: an active or cached count "
        + "update was lost between the CPUs")
@Outcome(id = CensusOutcome.THREW_ID, expect = FORBIDDEN, desc = "the pool threw: a pop followed a garbage link")
@Outcome(id = CensusOutcome.NO_BLOCK_ID, expect = FORBIDDEN, desc = "an allocation returned NULL with no page fault "
        + "injected")
@State
public class AllocFreeLosesNoBlock {
    private static final int ROUNDS = 8;

    private final DmaPool pool = Subject.grownPool();
    private final long[] given0 = allocate(pool);
    private final long[] given1 = allocate(pool);
    private final long[] taken = new long[2 * ROUNDS];
    private final Rendezvous start = new Rendezvous();
    private boolean failed0;
    private boolean failed1;

    private static long[] allocate(DmaPool pool) {
        long[] blocks = new long[ROUNDS];
        for (int i = 0; i < ROUNDS; i++) {
            blocks[i] = pool.alloc();
        }
        return blocks;
    }

    @Actor
    public void cpu0() {
        Subject.CPUS.bind(0);
        start.arrive();
        try {
            for (long dma : given0) {
                pool.free(dma);
            }
            for (int i = 0; i < ROUNDS; i++) {
                taken[i] = pool.alloc();
            }
        } catch (RuntimeException e) {
            failed0 = true;
        }
    }

    @Actor
    public void cpu1() {
        Subject.CPUS.bind(1);
        start.arrive();
        try {
            for (long dma : given1) {
                pool.free(dma);
            }
            for (int i = ROUNDS; i < 2 * ROUNDS; i++) {
                taken[i] = pool.alloc();
            }
        } catch (RuntimeException e) {
            failed1 = true;
        }
    }

    @Arbiter
    public void census(I_Result r) {
        r.r1 = CensusOutcome.take(pool, failed0 || failed1, taken);
    }
}
