package dev.poolstress.scenarios.storm;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where completions note a block whose ownership tag was not theirs. The first {@value #KEPT} cases are kept in
 * preallocated arrays, so noting one allocates nothing; read after the storm's threads have stopped.
 */
final class OwnershipLedger {
    static final int KEPT = 16;

    private final AtomicInteger count = new AtomicInteger();
    private final long[] dma = new long[KEPT];
    private final long[] expected = new long[KEPT];
    private final long[] found = new long[KEPT];
    private final int[] pool = new int[KEPT];

    void note(int poolIndex, long block, long expectedTag, long foundTag) {
        int i = count.getAndIncrement();
        if (i < KEPT) {
            pool[i] = poolIndex;
            dma[i] = block;
            expected[i] = expectedTag;
            found[i] = foundTag;
        }
    }

    int count() {
        return count.get();
    }

    List<String> describe(String[] poolNames) {
        List<String> lines = new ArrayList<>();
        int kept = Math.min(count.get(), KEPT);
        for (int i = 0; i < kept; i++) {
            lines.add(String.format("pool %s: block %#x owned twice: its completion (%s) found %s in it",
                    poolNames[pool[i]], dma[i], OwnershipTag.describe(expected[i]), OwnershipTag.describe(found[i])));
        }
        if (count.get() > kept) {
            lines.add((count.get() - kept) + " more blocks owned twice");
        }
        return lines;
    }
}
