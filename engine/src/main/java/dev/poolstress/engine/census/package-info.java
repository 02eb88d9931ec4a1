/**
 * The pool census: the one audit that proves a quiescent pool accounts for every block exactly once. Both the
 * jcstress arbiters and the storms' loss audit take it. It stands on the engine's other packages; none of them may
 * use it.
 */
package dev.poolstress.engine.census;
