/** jcstress tests of the engine's invariants. */
package dev.poolstress.stress;
