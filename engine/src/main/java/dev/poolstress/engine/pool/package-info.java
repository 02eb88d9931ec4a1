/**
 * The pool as the kernel's {@code mm/dmapool.c} has it: a {@link dev.poolstress.engine.pool.Device} that hands out
 * coherent pages and lists its pools, the {@link dev.poolstress.engine.pool.DmaPool} built on it with a free-block
 * algorithm and a lock strategy, and the built-in strategies by id. The one package that wires the engine's
 * subpackages together, so none of them imports it.
 */
package dev.poolstress.engine.pool;
