package dev.poolstress.stress.boundary;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import dev.poolstress.engine.pool.DmaPool;
import dev.poolstress.stress.subject.Raced;
import dev.poolstress.stress.subject.Rendezvous;
import dev.poolstress.stress.subject.Subject;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

/**
 * No block crosses the boundary, or misses its alignment, while one CPU grows the pool and the other allocates and
 * frees. The pool has {@value #SIZE}-byte blocks aligned to {@value #ALIGN} with a {@value #BOUNDARY}-byte boundary,
 * so its layout skips the tail of every segment. The state allocates the whole first page on CPU 0 and hands two of
 * its blocks to CPU 1; CPU 0 then allocates {@value #GROWN}, the first of which grows a page, while CPU 1 frees and
 * reallocates its two blocks {@value #ROUNDS} times, both starting from a {@link Rendezvous}. {@code r2} says whether
 * CPU 1's frees and allocations overlapped CPU 0's growing allocations in time ({@code System.nanoTime} intervals):
 * they did in 98.5% (spin-mcs) to 99.2% (percpu) of the ci tier's samples. Run:
 * <pre>
 *   java -cp stress/target/poolstress-stress-*-jcstress.jar org.openjdk.jcstress.Main -m quick -sc false \
 *        -f 1 -fsm 0 -iters 2 -time 200 -strideSize 32 -strideCount 2 \
 *        -jvmArgs "-Dpoolstress.lockdep=true -Dpoolstress.strategy=spin-mcs" -t BlocksStayInsideBoundary
 * </pre>
 * Sample (spin-mcs, ci tier, both JVM configurations): {@code 0, 1: 13,083 Acceptable; 0, 0: 199 Acceptable};
 * percpu {@code 0, 1: 25,755; 0, 0: 199}.
 */
@JCStressTest
@Raced(property = "boundary", ci = true)
@Outcome(id = "0, 1", expect = ACCEPTABLE, desc = "CPU 1's frees and allocations overlapped CPU 0's growth: every "
        + "block lies inside one boundary segment at its alignment")
@Outcome(id = "0, 0", expect = ACCEPTABLE, desc = "CPU 1 ran entirely before or after CPU 0's growth: every block "
        + "lies inside one boundary segment at its alignment")
@Outcome(id = {"1, 0", "1, 1"}, expect = FORBIDDEN, desc = "a block crosses a boundary: a growth carved a torn "
        + "layout or a racing pop returned an address inside a block")
@Outcome(id = {"2, 0", "2, 1"}, expect = FORBIDDEN, desc = "a block is misaligned")
@Outcome(id = {"3, 0", "3, 1"}, expect = FORBIDDEN, desc = "the pool threw or returned NULL while growing")
@State
public class BlocksStayInsideBoundary {
    private static final int SIZE = 96;
    private static final int ALIGN = 32;
    private static final int BOUNDARY = 256;
    private static final int GROWN = 4;
    private static final int ROUNDS = 6;

    private final DmaPool pool = Subject.builder().size(SIZE).align(ALIGN).boundary(BOUNDARY).build();
    private final long[] grown = new long[GROWN];
    private final long[] kept = new long[2];
    private long growStart;
    private long growEnd;
    private long churnStart;
    private long churnEnd;
    private final Rendezvous start = new Rendezvous();
    private boolean failed0;
    private boolean failed1;

    public BlocksStayInsideBoundary() {
        Subject.CPUS.bind(0);
        kept[0] = pool.alloc();
        int perPage = (int) pool.stats().nrBlocks();
        kept[1] = pool.alloc();
        for (int i = 2; i < perPage; i++) {
            pool.alloc(); // the rest of the first page stays allocated: only growth supplies CPU 0
        }
    }

    @Actor
    public void cpu0() {
        Subject.CPUS.bind(0);
        start.arrive();
        growStart = System.nanoTime();
        failed0 = !Subject.allocOn(0, pool, grown, 0, GROWN);
        growEnd = System.nanoTime();
    }

    @Actor
    public void cpu1() {
        Subject.CPUS.bind(1);
        start.arrive();
        churnStart = System.nanoTime();
        failed1 = !Subject.churn(pool, kept, ROUNDS);
        churnEnd = System.nanoTime();
    }

    @Arbiter
    public void placement(II_Result r) {
        int verdict = failed0 || failed1 ? 3 : 0;
        for (int i = 0; i < GROWN + kept.length && verdict == 0; i++) {
            long dma = i < GROWN ? grown[i] : kept[i - GROWN];
            if (dma == DmaPool.NULL) {
                verdict = 3;
            } else if (dma % BOUNDARY + SIZE > BOUNDARY) {
                verdict = 1;
            } else if (dma % ALIGN != 0) {
                verdict = 2;
            }
        }
        r.r1 = verdict;
        r.r2 = churnStart < growEnd && growStart < churnEnd ? 1 : 0;
    }
}
