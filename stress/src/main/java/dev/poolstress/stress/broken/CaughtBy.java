package dev.poolstress.stress.broken;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a deliberately broken strategy of the catalog and names the jcstress tests that must catch it. The race
 * runner refuses a class carrying it as an ordinary {@code --strategy}, and {@code --catalog} runs each one against
 * its catching tests and scores the suite by how many it caught.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface CaughtBy {
    /** The jcstress test classes expected to show a forbidden outcome. */
    Class<?>[] value();
}
