package dev.poolstress.stress.debug;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import dev.poolstress.engine.DmaPoolException;
import dev.poolstress.engine.pool.DmaPool;
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
 * A double free is detected exactly once in debug mode: two CPUs free the same block at once, and exactly one of
 * them gets {@code DmaPoolException} {@code ALREADY_FREE} while the other's free succeeds.
 *
 * <p>The pool has the kernel's smallest blocks, {@value #SIZE} bytes, so the state's one allocation leaves the other
 * 255 blocks of the page free; both CPUs start from a {@link Rendezvous}. A debug free walks the whole free list
 * under the pool's lock before it pushes (the kernel's {@code pool_block_err}), so the first CPU holds the lock for
 * the longest section a correct pool has, and the second waits for all of it: measured on one thread, the walk
 * takes about 2.4 us, 64 failed tries of a spinlock about 1.7 us. A lock that admits a waiter before the holder is
 * done shows here in most samples. Run:
 * <pre>
 *   java -cp stress/target/poolstress-stress-*-jcstress.jar org.openjdk.jcstress.Main -m quick -sc false \
 *        -f 1 -fsm 0 -iters 2 -time 200 -strideSize 32 -strideCount 2 \
 *        -jvmArgs "-Dpoolstress.lockdep=true -Dpoolstress.strategy=reentrant" -t DoubleFreeDetectedOnce
 * </pre>
 * Sample (reentrant, ci tier, both JVM configurations): {@code 1: 12,898 Acceptable}. In one catalog run the lock
 * that gives up after a bounded spin showed {@code 0} in 21,473 of 23,202 samples, the unlocked free in 21,990 of
 * 22,242.
 */
@JCStressTest
@Raced(property = "debug", ci = true)
@Outcome(id = "1", expect = ACCEPTABLE, desc = "the frees serialised: the first put the block back, the second "
        + "found it on the free list and was refused with ALREADY_FREE")
@Outcome(id = "0", expect = FORBIDDEN, desc = "both frees were accepted: each checked the free list before the other "
        + "pushed, so the block is on it twice")
@Outcome(id = "2", expect = FORBIDDEN, desc = "both frees were refused: the block was never given back")
@Outcome(id = "3", expect = FORBIDDEN, desc = "a free failed with something other than ALREADY_FREE")
@State
public class DoubleFreeDetectedOnce {
    private static final int ACCEPTED = 0;
    private static final int REFUSED = 1;
    private static final int BROKE = 2;

    /** The kernel's smallest block ({@code sizeof(struct dma_block)}): the most blocks a page, the longest walk. */
    static final int SIZE = 16;

    private final DmaPool pool = Subject.builder().size(SIZE).debug(true).build();
    private final long block = allocOnCpu0();
    private final Rendezvous start = new Rendezvous();
    private int verdict0;
    private int verdict1;

    @Actor
    public void cpu0() {
        Subject.CPUS.bind(0);
        start.arrive();
        verdict0 = freeOnce();
    }

    @Actor
    public void cpu1() {
        Subject.CPUS.bind(1);
        start.arrive();
        verdict1 = freeOnce();
    }

    private long allocOnCpu0() {
        Subject.CPUS.bind(0);
        return pool.alloc();
    }

    private int freeOnce() {
        try {
            pool.free(block);
            return ACCEPTED;
        } catch (DmaPoolException e) {
            return e.reason() == DmaPoolException.Reason.ALREADY_FREE ? REFUSED : BROKE;
        } catch (RuntimeException e) {
            return BROKE;
        }
    }

    @Arbiter
    public void detections(I_Result r) {
        r.r1 = verdict0 == BROKE || verdict1 == BROKE ? 3 : verdict0 + verdict1;
    }
}
