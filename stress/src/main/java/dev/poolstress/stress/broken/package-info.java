/**
 * DELIBERATELY BROKEN lock strategies: the catalog that measures the jcstress suite. Each class's javadoc says what
 * is wrong and which test must catch it ({@link dev.poolstress.stress.broken.CaughtBy}). None is built in, none is a
 * default, and the race runner accepts them only under {@code --catalog}. Never use one to guard a real pool.
 */
package dev.poolstress.stress.broken;
