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
 * Exclusive ownership across a reused head (the ABA shape). Each CPU repeats {@value #ROUNDS} rounds of: pop A, pop
 * B, pop C, push A back, keeping B and C. So the head a CPU reads is the head again at the end of every round of the
 * other CPU, with a different successor, and a pop that read head and next and is overtaken by one whole round of
 * the other CPU swaps a stale successor in. A round is four changes of the head, so a tag that wraps after four (or
 * any power of two up to that) is back where it was too. Both CPUs run rounds, so each one's pops are exposed to the
 * other's, and both start from a {@link Rendezvous} so that the rounds overlap. Run:
 * <pre>
 *   java -cp stress/target/poolstress-stress-*-jcstress.jar org.openjdk.jcstress.Main -m quick -sc false \
 *        -f 1 -fsm 0 -iters 2 -time 200 -strideSize 32 -strideCount 2 \
 *        -jvmArgs "-Dpoolstress.lockdep=true -Dpoolstress.strategy=lockfree" -t PopPushRaceNeverSharesABlock
 * </pre>
 * Sample (lockfree, ci tier, both JVM configurations): {@code 0: 8,418 Acceptable}. Run so, three times, the
 * untagged Treiber stack showed {@code 1} in 230 to 874 samples a run, the 2-bit tag in 204 to 565. With 16 rounds of
 * 64-byte blocks (two pages a sample) five catalog runs gave 16 to 41 and 46 to 147 on one day, and 166 to
 * 255 and 219 to 305 on another: the state's cost, not the rounds, set the sample rate, so 60 rounds cost few
 * samples and add almost four times the chances a sample has.
 */
@JCStressTest
@Raced(property = "ownership", ci = true)
@Outcome(id = CensusOutcome.CONSISTENT_ID, expect = ACCEPTABLE, desc = "every pop saw a head that was still the head "
        + "when it swapped, or failed and retried: owned blocks distinct, the rest free once")
@Outcome(id = CensusOutcome.OWNED_TWICE_ID, expect = FORBIDDEN, desc = "CPU 0's pop returned a block CPU 1 holds: the "
        + "stale head was swapped in after CPU 1 reused it")
@Outcome(id = CensusOutcome.OWNED_AND_FREE_ID, expect = FORBIDDEN, desc = "ABA: CPU 0 read head A and next B, CPU 1 "
        + "popped A, B and C and pushed A, CPU 0's swap A->B succeeded and put CPU 1's block B back on the stack")
@Outcome(id = CensusOutcome.FREE_TWICE_ID, expect = FORBIDDEN, desc = "the drain met a block twice: a stale swap "
        + "linked the stack into itself")
@Outcome(id = CensusOutcome.LOST_ID, expect = FORBIDDEN, desc = "ABA the other way: the stale swap skipped blocks "
        + "pushed in between, which are now neither free nor owned")
@Outcome(id = CensusOutcome.COUNT_WRONG_ID, expect = FORBIDDEN, desc = "nrActive disagrees with the owned blocks: a "
        + "count update raced")
@Outcome(id = CensusOutcome.THREW_ID, expect = FORBIDDEN, desc = "the pool threw: a pop followed a garbage link")
@Outcome(id = CensusOutcome.NO_BLOCK_ID, expect = FORBIDDEN, desc = "an allocation returned NULL with no page fault "
        + "injected")
@State
public class PopPushRaceNeverSharesABlock {
    /** Rounds per CPU in one sample: the four-change round that a narrow tag does not tell apart, 60 times over. */
    static final int ROUNDS = 60;
    /** The kernel's smallest blocks: the {@code 4 * ROUNDS + 2} blocks a sample needs fit in one page. */
    static final int SIZE = 16;

    private final DmaPool pool = Subject.warmedPool(SIZE, 4 * ROUNDS + 2);
    private final long[] mine0 = new long[2 * ROUNDS];
    private final long[] mine1 = new long[2 * ROUNDS];
    private final Rendezvous start = new Rendezvous();
    private boolean failed0;
    private boolean failed1;

    @Actor
    public void cpu0() {
        Subject.CPUS.bind(0);
        start.arrive();
        failed0 = !rounds(pool, mine0);
    }

    @Actor
    public void cpu1() {
        Subject.CPUS.bind(1);
        start.arrive();
        failed1 = !rounds(pool, mine1);
    }

    /** The {@value #ROUNDS} rounds of one CPU, keeping two blocks of each in {@code kept}; false if the pool threw. */
    private static boolean rounds(DmaPool pool, long[] kept) {
        try {
            for (int i = 0; i < ROUNDS; i++) {
                long first = pool.alloc();
                kept[2 * i] = pool.alloc();
                kept[2 * i + 1] = pool.alloc();
                pool.free(first);
            }
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Arbiter
    public void census(I_Result r) {
        long[] owned = new long[4 * ROUNDS];
        System.arraycopy(mine0, 0, owned, 0, 2 * ROUNDS);
        System.arraycopy(mine1, 0, owned, 2 * ROUNDS, 2 * ROUNDS);
        r.r1 = CensusOutcome.take(pool, failed0 || failed1, owned);
    }
}
