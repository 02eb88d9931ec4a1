package dev.poolstress.scenarios.storm;

/**
 * How much a storm measures on its hot path. {@code FULL} times every pool call (latency histograms) and wraps the
 * strategy in a {@link TimedLockStrategy} (contention): eight clock reads per alloc+free pair, four for each, which
 * on a fast pool are a large share of the pair's cost. {@code THROUGHPUT} reads no clock per call, so throughput
 * ratios between
 * strategies are not diluted by the probes; latency and contention are then reported as zero.
 */
public enum Instrumentation { FULL, THROUGHPUT }
