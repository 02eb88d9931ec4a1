package dev.poolstress.stress.runner;

import java.time.Duration;
import java.util.List;

/**
 * The runner's finding for one test against one strategy and algorithm.
 *
 * @param subject   the strategy id or class, with {@code /legacy} appended for the legacy algorithm
 * @param forbidden the failing outcomes seen; empty unless {@link Status#FORBIDDEN}
 * @param detail    what went wrong, for errors, time-outs, tests that never ran and catalog entries missed
 * @param elapsed   from the start of the jcstress run to the end of the run, or to the first report of this test's
 *                  failure (or stall) while it was running
 * @param samples   the samples jcstress reported for the test, all outcomes and configurations; 0 if none
 */
public record Verdict(String subject, Suite.Test test, Status status, List<Outcome> forbidden, String detail,
                      Duration elapsed, long samples) {
    /** A verdict with no sample count: for one the runner made up, not one jcstress reported. */
    public Verdict(String subject, Suite.Test test, Status status, List<Outcome> forbidden, String detail,
                   Duration elapsed) {
        this(subject, test, status, forbidden, detail, elapsed, 0);
    }

    public enum Status {
        OK, FORBIDDEN, STALLED, ERROR, TIMEOUT, NOT_RUN,
        /** A broken strategy of the catalog that every test ran against and none caught: the suite failed. */
        MISSED;

        /** How the verdict table prints it. */
        public String label() {
            return switch (this) {
                case OK -> "OK";
                case FORBIDDEN -> "FORBIDDEN seen";
                case STALLED -> "STALLED";
                case ERROR -> "error";
                case TIMEOUT -> "timeout";
                case NOT_RUN -> "not run";
                case MISSED -> "MISSED";
            };
        }
    }

    public boolean passed() {
        return status == Status.OK;
    }

    /** Whether the strategy itself failed the test (a forbidden outcome or a stalled fork), not the run. */
    public boolean caught() {
        return status == Status.FORBIDDEN || status == Status.STALLED;
    }

    /**
     * Whether what was tested failed, not the run: a strategy caught, or a catalog entry the suite missed. JUnit XML
     * reports these as failures and every other verdict that did not pass as an error.
     */
    public boolean failed() {
        return caught() || status == Status.MISSED;
    }

    /** The samples that showed a forbidden outcome, over all configurations. */
    public long forbiddenSamples() {
        return forbidden.stream().mapToLong(Outcome::samples).sum();
    }

    /** Forbidden samples per million samples; 0 when jcstress reported no count. */
    public double forbiddenPerMillion() {
        return samples == 0 ? 0 : forbiddenSamples() * 1e6 / samples;
    }

    /** One line: the forbidden outcomes and their counts, or the detail. */
    public String summary() {
        if (status == Status.FORBIDDEN && !forbidden.isEmpty()) {
            StringBuilder out = new StringBuilder();
            for (Outcome o : forbidden) {
                if (out.length() > 0) {
                    out.append("; ");
                }
                out.append("outcome ").append(o.id()).append(" seen ").append(o.samples()).append(" times (")
                        .append(o.description()).append(')');
            }
            return out.toString();
        }
        return detail;
    }
}
