package dev.poolstress.stress.growth;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import dev.poolstress.engine.Device;
import dev.poolstress.engine.DmaPool;
import dev.poolstress.stress.subject.Census;
import dev.poolstress.stress.subject.Subject;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.I_Result;

/**
 * The pool grows by a page while others allocate, and loses nothing. The state holds all but two blocks of the
 * first page, so the CPUs' allocations run the page dry and one or both grow the pool (the page is allocated with no
 * lock held, then spliced in under it) while the other pops. Run:
 * <pre>
 *   java -cp stress/target/poolstress-stress-*-jcstress.jar org.openjdk.jcstress.Main -m quick -sc false \
 *        -jvmArgs "-Dpoolstress.lockdep=true -Dpoolstress.strategy=spin-mcs" -t GrowWhileAllocating
 * </pre>
 * Sample (spin-mcs, quick -sc false, 2 JVM configurations with a stress fork each): {@code 0: 469,386 Acceptable}.
 */
@JCStressTest
@Outcome(id = Census.CONSISTENT_ID, expect = ACCEPTABLE, desc = "each allocation either popped a block or grew a "
        + "page and took one of its blocks: everything owned once or free once, whole pages only")
@Outcome(id = Census.OWNED_TWICE_ID, expect = FORBIDDEN, desc = "both CPUs got one block: a growth's splice raced "
        + "the other CPU's pop")
@Outcome(id = Census.OWNED_AND_FREE_ID, expect = FORBIDDEN, desc = "a block taken during a growth is still free: "
        + "the growth spliced a page on top of a head the other CPU had just popped")
@Outcome(id = Census.FREE_TWICE_ID, expect = FORBIDDEN, desc = "the drain met a block twice: two growths spliced "
        + "onto the same head")
@Outcome(id = Census.LOST_ID, expect = FORBIDDEN, desc = "a page's blocks vanished: one growth's splice was "
        + "overwritten by the other's")
@Outcome(id = Census.COUNT_WRONG_ID, expect = FORBIDDEN, desc = "nrActive disagrees: a growth's count raced a pop's")
@Outcome(id = Census.THREW_ID, expect = FORBIDDEN, desc = "the pool threw while growing")
@Outcome(id = Census.NO_BLOCK_ID, expect = FORBIDDEN, desc = "an allocation returned NULL with no page fault "
        + "injected")
@State
public class GrowWhileAllocating {
    private static final int PER_CPU = 3;

    private final DmaPool pool = Subject.emptyPool(false);
    private final long[] held;
    private final long[] taken = new long[2 * PER_CPU];
    private boolean failed0;
    private boolean failed1;

    public GrowWhileAllocating() {
        Subject.CPUS.bind(0);
        long first = pool.alloc();
        int perPage = (int) pool.stats().nrBlocks();
        held = new long[perPage - 2];
        held[0] = first;
        for (int i = 1; i < held.length; i++) {
            held[i] = pool.alloc();
        }
    }

    @Actor
    public void cpu0() {
        failed0 = !Subject.allocOn(0, pool, taken, 0, PER_CPU);
    }

    @Actor
    public void cpu1() {
        failed1 = !Subject.allocOn(1, pool, taken, PER_CPU, 2 * PER_CPU);
    }

    @Arbiter
    public void census(I_Result r) {
        long[] owned = new long[held.length + taken.length];
        System.arraycopy(held, 0, owned, 0, held.length);
        System.arraycopy(taken, 0, owned, held.length, taken.length);
        int verdict = Census.take(pool, failed0 || failed1, owned);
        long perPage = Device.PAGE_SIZE / Subject.BLOCK_SIZE;
        if (verdict == Census.CONSISTENT && pool.stats().nrBlocks() != perPage * pool.stats().nrPages()) {
            verdict = Census.LOST;
        }
        r.r1 = verdict;
    }
}
