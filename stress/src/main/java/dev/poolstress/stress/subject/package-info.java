/** The pool under test, built for the strategy the forked JVM was started with, and the arbiters' audit of it. */
package dev.poolstress.stress.subject;
