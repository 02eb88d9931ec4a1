/**
 * jcstress tests of the engine's invariants, one package per invariant ({@code ownership}, {@code loss},
 * {@code irq}, {@code lockdep}, {@code percpu}, {@code debug}, {@code boundary}, {@code growth},
 * {@code termination}); the deliberately broken strategies they must catch ({@code broken}); and the race runner
 * that wraps jcstress for people and CI ({@code runner}).
 */
package dev.poolstress.stress;
