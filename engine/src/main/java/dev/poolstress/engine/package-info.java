/**
 * The contracts the engine's parts are written against: a {@link dev.poolstress.engine.LockStrategy} over a pool's
 * {@link dev.poolstress.engine.FreeBlocks}, the {@link dev.poolstress.engine.CoherentMemory} a free list carves, and
 * the errors a pool reports. It imports none of its subpackages; {@code pool} assembles them into a working pool.
 */
package dev.poolstress.engine;
