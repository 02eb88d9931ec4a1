package dev.poolstress.scenarios.bench;

import java.util.Map;
import java.util.Optional;

/**
 * The before/after times (µs) the seed patch ("dmapool: link blocks across pages", Keith Busch, December 2022)
 * reports from the kernel's {@code dmapool_test}, by block size. The seed predates the test's 68-byte pool, so that
 * size has none.
 */
public final class SeedFigures {
    private record BeforeAfter(long before, long after) {
    }

    private static final Map<Integer, BeforeAfter> BY_SIZE = Map.of(
            16, new BeforeAfter(57282, 24997),
            64, new BeforeAfter(172562, 26584),
            256, new BeforeAfter(789247, 33542),
            1024, new BeforeAfter(371823, 9022),
            4096, new BeforeAfter(362237, 6045));

    private SeedFigures() {
    }

    /** The seed's before/after ratio for a pool of {@code size}-byte blocks, if the seed measured one. */
    public static Optional<Double> ratio(int size) {
        BeforeAfter figures = BY_SIZE.get(size);
        return figures == null ? Optional.empty() : Optional.of((double) figures.before() / figures.after());
    }
}
