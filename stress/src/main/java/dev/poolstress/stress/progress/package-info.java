/** How far a long run has got: step k of n, elapsed time and an estimate of the time left. */
package dev.poolstress.stress.progress;
