package dev.poolstress.stress.percpu;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import dev.poolstress.engine.percpu.PerCpuMagazines;
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
 * Per-CPU magazine exchanges with the depot and refills from the free list, racing remote frees, lose nothing. The
 * state allocates {@link #HELD} blocks on CPU 0, four whole pages, which leaves CPU 0's magazines (for {@code percpu}:
 * 64 blocks each) and the free list empty, then frees {@link #WARM} of them there: CPU 0's previous magazine is full
 * and its loaded one eight short of full, and the depot is empty. Then CPU 0 frees {@link #BURST} more, whose ninth
 * must unload the full magazine to the depot, while CPU 1 allocates {@link #BURST} (its magazines are empty, so it
 * reloads the magazine CPU 0 unloads, or refills from the free list or grows the pool, under the same global lock)
 * and frees {@link #REMOTE} blocks CPU 0 allocated (remote frees). Both start from a {@link Rendezvous}. Other
 * strategies meet the same mix of frees and allocations. Run:
 * <pre>
 *   java -cp stress/target/poolstress-stress-*-jcstress.jar org.openjdk.jcstress.Main -m quick -sc false \
 *        -f 1 -fsm 0 -iters 2 -time 200 -strideSize 32 -strideCount 2 \
 *        -jvmArgs "-Dpoolstress.lockdep=true -Dpoolstress.strategy=percpu" -t RefillAndExchangeRaceRemoteFrees
 * </pre>
 * Sample (percpu, ci tier, both JVM configurations): {@code 0: 9,314 Acceptable}; in one catalog run the depot
 * traded without its lock showed {@code 4}, {@code 5} and {@code 6} in 7,345 of 8,290 samples (without the
 * rendezvous, 800 to 11,000 per million).
 */
@JCStressTest
@Raced(property = "percpu", ci = true)
@Outcome(id = CensusOutcome.CONSISTENT_ID, expect = ACCEPTABLE, desc = "unloads, reloads and remote frees serialised "
        + "on the global lock, each CPU's magazines touched only by that CPU: every block owned once or free once")
@Outcome(id = CensusOutcome.OWNED_TWICE_ID, expect = FORBIDDEN, desc = "CPU 1 was handed a block it already holds: a "
        + "reload took a magazine that an unload had not finished moving")
@Outcome(id = CensusOutcome.OWNED_AND_FREE_ID, expect = FORBIDDEN, desc = "a block CPU 1 holds is still free: an "
        + "unload and a reload both took it from, or both left it in, the depot or the free list")
@Outcome(id = CensusOutcome.FREE_TWICE_ID, expect = FORBIDDEN, desc = "the drain met a block twice: an unloaded "
        + "magazine stayed in CPU 0's hands too")
@Outcome(id = CensusOutcome.LOST_ID, expect = FORBIDDEN, desc = "blocks vanished between a magazine and the depot or "
        + "the free list during an exchange or refill")
@Outcome(id = CensusOutcome.COUNT_WRONG_ID, expect = FORBIDDEN, desc = "nrActive disagrees: a magazine's count raced "
        + "the depot's or the free list's")
@Outcome(id = CensusOutcome.THREW_ID, expect = FORBIDDEN, desc = "the pool threw during an exchange, refill or "
        + "remote free")
@Outcome(id = CensusOutcome.NO_BLOCK_ID, expect = FORBIDDEN, desc = "an allocation returned NULL with no page fault "
        + "injected")
@State
public class RefillAndExchangeRaceRemoteFrees {
    private static final int MAGAZINE = PerCpuMagazines.DEFAULT_CAPACITY;
    private static final int HELD = 4 * MAGAZINE;
    private static final int WARM = 2 * MAGAZINE - 8;
    private static final int BURST = 40;
    private static final int REMOTE = 8;

    private final DmaPool pool = Subject.grownPool();
    private final long[] held = new long[HELD];
    private final long[] taken1 = new long[BURST];
    private final Rendezvous start = new Rendezvous();
    private boolean failed0;
    private boolean failed1;

    public RefillAndExchangeRaceRemoteFrees() {
        Subject.CPUS.bind(0);
        for (int i = 0; i < HELD; i++) {
            held[i] = pool.alloc();
        }
        for (int i = 0; i < WARM; i++) {
            pool.free(held[i]);
        }
    }

    @Actor
    public void unloadOnCpu0() {
        Subject.CPUS.bind(0);
        start.arrive();
        try {
            for (int i = WARM; i < WARM + BURST; i++) {
                pool.free(held[i]);
            }
        } catch (RuntimeException e) {
            failed0 = true;
        }
    }

    @Actor
    public void refillAndRemoteFreeOnCpu1() {
        Subject.CPUS.bind(1);
        start.arrive();
        try {
            for (int i = 0; i < BURST; i++) {
                taken1[i] = pool.alloc();
                if (i < REMOTE) {
                    pool.free(held[WARM + BURST + i]);
                }
            }
        } catch (RuntimeException e) {
            failed1 = true;
        }
    }

    @Arbiter
    public void census(I_Result r) {
        int kept = HELD - WARM - BURST - REMOTE;
        long[] owned = new long[kept + BURST];
        System.arraycopy(held, WARM + BURST + REMOTE, owned, 0, kept);
        System.arraycopy(taken1, 0, owned, kept, BURST);
        r.r1 = CensusOutcome.take(pool, failed0 || failed1, owned);
    }
}
