/** Benchmarks: the kernel's {@code dmapool_test} as a command, and the JMH micro-benchmarks of alloc+free pairs. */
package dev.poolstress.scenarios.bench;
