/**
 * JMH benchmarks of one alloc+free pair: every lock strategy on the stack pool, and the baselines a user would
 * pick instead (a bare {@code long[]} stack as the floor, {@code ArrayDeque} with {@code ReentrantLock}, JCTools,
 * Netty, commons-pool2). {@code poolstress bench micro} runs them all in one run.
 */
package dev.poolstress.scenarios.bench.micro;
