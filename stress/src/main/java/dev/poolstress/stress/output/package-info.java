/** Paths a command will write after a long run: checked before the run, created only when written. */
package dev.poolstress.stress.output;
