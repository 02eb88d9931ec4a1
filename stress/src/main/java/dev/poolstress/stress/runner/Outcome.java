package dev.poolstress.stress.runner;

/**
 * One row of a jcstress result table: an outcome id, how often it was seen, and how jcstress graded it.
 *
 * @param expect {@code Acceptable}, {@code Forbidden}, {@code Interesting} or {@code Unknown}, as jcstress prints it
 */
public record Outcome(String id, long samples, String expect, String description) {
    /** Whether this row fails the test: a forbidden or unlisted outcome that was seen. */
    public boolean failing() {
        return samples > 0 && (expect.equals("Forbidden") || expect.equals("Unknown"));
    }
}
