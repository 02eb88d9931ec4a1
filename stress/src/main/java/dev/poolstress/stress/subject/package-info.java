/**
 * What every jcstress test of the suite is built on: the pool under test, built for the strategy the forked JVM was
 * started with, the arbiters' outcome from the engine's census of it, and {@link dev.poolstress.stress.subject.Raced},
 * the property a test proves and whether the ci tier races it. The tests import this package and the runner reads
 * it, so neither imports the other's.
 */
package dev.poolstress.stress.subject;
