package dev.poolstress.stress.boundary;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import dev.poolstress.engine.DmaPool;
import dev.poolstress.stress.subject.Subject;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.I_Result;

/**
 * No block crosses the boundary, or misses its alignment, while both CPUs grow an empty pool at once. The pool has
 * {@value #SIZE}-byte blocks aligned to {@value #ALIGN} with a {@value #BOUNDARY}-byte boundary, so its layout skips
 * the tail of every segment; one or both CPUs find no page and grow one. Run:
 * <pre>
 *   java -cp stress/target/poolstress-stress-*-jcstress.jar org.openjdk.jcstress.Main -m quick -sc false \
 *        -jvmArgs "-Dpoolstress.lockdep=true -Dpoolstress.strategy=spin-mcs" -t BlocksStayInsideBoundary
 * </pre>
 * Sample (spin-mcs, quick -sc false, 2 JVM configurations with a stress fork each): {@code 0: 250,211 Acceptable}.
 */
@JCStressTest
@Outcome(id = "0", expect = ACCEPTABLE, desc = "both growths carved whole pages, in either order: every block lies "
        + "inside one boundary segment at its alignment")
@Outcome(id = "1", expect = FORBIDDEN, desc = "a block crosses a boundary: a growth carved a page with a torn layout "
        + "or a racing pop returned an address inside a block")
@Outcome(id = "2", expect = FORBIDDEN, desc = "a block is misaligned")
@Outcome(id = "3", expect = FORBIDDEN, desc = "the pool threw or returned NULL while growing")
@State
public class BlocksStayInsideBoundary {
    private static final int SIZE = 96;
    private static final int ALIGN = 32;
    private static final int BOUNDARY = 256;
    private static final int PER_CPU = 3;

    private final DmaPool pool = Subject.builder().size(SIZE).align(ALIGN).boundary(BOUNDARY).build();
    private final long[] taken = new long[2 * PER_CPU];
    private boolean failed0;
    private boolean failed1;

    @Actor
    public void cpu0() {
        failed0 = !Subject.allocOn(0, pool, taken, 0, PER_CPU);
    }

    @Actor
    public void cpu1() {
        failed1 = !Subject.allocOn(1, pool, taken, PER_CPU, 2 * PER_CPU);
    }

    @Arbiter
    public void placement(I_Result r) {
        int verdict = failed0 || failed1 ? 3 : 0;
        for (long dma : taken) {
            if (verdict != 0) {
                break;
            }
            if (dma == DmaPool.NULL) {
                verdict = 3;
            } else if (dma % BOUNDARY + SIZE > BOUNDARY) {
                verdict = 1;
            } else if (dma % ALIGN != 0) {
                verdict = 2;
            }
        }
        r.r1 = verdict;
    }
}
