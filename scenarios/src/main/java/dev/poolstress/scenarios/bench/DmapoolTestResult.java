package dev.poolstress.scenarios.bench;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One pool's figures from {@code bench dmapool-test}: the median time of each algorithm under the lock and alone
 * (no locking), their ratios ({@code null} if stack took under 1 µs) and the seed's own before/after ratio
 * ({@code null} where the seed has none).
 */
@JsonPropertyOrder({"size", "align", "boundary", "blocks", "legacy_us", "stack_us", "ratio", "legacy_alone_us",
    "stack_alone_us", "alone_ratio", "seed_ratio"})
public record DmapoolTestResult(
        @JsonProperty("size") int size,
        @JsonProperty("align") int align,
        @JsonProperty("boundary") int boundary,
        @JsonProperty("blocks") int blocks,
        @JsonProperty("legacy_us") long legacyUs,
        @JsonProperty("stack_us") long stackUs,
        @JsonProperty("ratio") Double ratio,
        @JsonProperty("legacy_alone_us") long legacyAloneUs,
        @JsonProperty("stack_alone_us") long stackAloneUs,
        @JsonProperty("alone_ratio") Double aloneRatio,
        @JsonProperty("seed_ratio") Double seedRatio) {

    static DmapoolTestResult of(DmapoolTestPool pool, long legacyUs, long stackUs, long legacyAloneUs,
                                long stackAloneUs) {
        return new DmapoolTestResult(pool.size(), pool.align(), pool.boundary(), pool.blocks(), legacyUs, stackUs,
                ratio(legacyUs, stackUs), legacyAloneUs, stackAloneUs, ratio(legacyAloneUs, stackAloneUs),
                SeedFigures.ratio(pool.size()).orElse(null));
    }

    private static Double ratio(long legacyUs, long stackUs) {
        return stackUs > 0 ? (double) legacyUs / stackUs : null;
    }
}
