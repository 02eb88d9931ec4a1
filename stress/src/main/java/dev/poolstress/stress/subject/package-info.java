/**
 * The pool under test, built for the strategy the forked JVM was started with, and the arbiters' outcome from the
 * engine's census of it.
 */
package dev.poolstress.stress.subject;
