package dev.poolstress.scenarios.bench;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One pool's figures from {@code bench dmapool-test}: the median time of each algorithm, their ratio
 * ({@code null} if stack took under 1 µs) and the seed's own before/after ratio ({@code null} where the seed has
 * none).
 */
@JsonPropertyOrder({"size", "align", "boundary", "blocks", "legacy_us", "stack_us", "ratio", "seed_ratio"})
public record DmapoolTestResult(
        @JsonProperty("size") int size,
        @JsonProperty("align") int align,
        @JsonProperty("boundary") int boundary,
        @JsonProperty("blocks") int blocks,
        @JsonProperty("legacy_us") long legacyUs,
        @JsonProperty("stack_us") long stackUs,
        @JsonProperty("ratio") Double ratio,
        @JsonProperty("seed_ratio") Double seedRatio) {

    static DmapoolTestResult of(DmapoolTestPool pool, long legacyUs, long stackUs) {
        Double ratio = stackUs > 0 ? (double) legacyUs / stackUs : null;
        return new DmapoolTestResult(pool.size(), pool.align(), pool.boundary(), pool.blocks(), legacyUs, stackUs,
                ratio, SeedFigures.ratio(pool.size()).orElse(null));
    }
}
