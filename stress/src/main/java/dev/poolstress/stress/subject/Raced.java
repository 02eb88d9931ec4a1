package dev.poolstress.stress.subject;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * What the race runner needs to know about a jcstress test of the suite, kept on the test itself: the property it
 * checks (its column of the verdict table) and whether the {@code ci} tier runs it. Every {@code @JCStressTest} of
 * this module carries it and is listed once in {@link Suite#CLASSES}; {@link Suite} and {@link Tier} derive their
 * lists from the two.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Raced {
    /** The property, as the verdict table's column is headed, e.g. {@code ownership}. */
    String property();

    /** Whether the {@code ci} tier runs the test; the other tiers run every test. */
    boolean ci();
}
