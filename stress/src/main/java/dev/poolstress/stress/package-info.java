/**
 * jcstress tests of the engine's invariants, one package per invariant ({@code ownership}, {@code loss},
 * {@code irq}, {@code lockdep}, {@code percpu}, {@code debug}, {@code boundary}, {@code growth},
 * {@code termination}); the deliberately broken strategies they must catch ({@code broken}); and the race runner
 * that wraps jcstress for people and CI ({@code runner}). A new test is annotated
 * {@link dev.poolstress.stress.subject.Raced} and listed once in the runner's {@code Suite.CLASSES}.
 */
package dev.poolstress.stress;
