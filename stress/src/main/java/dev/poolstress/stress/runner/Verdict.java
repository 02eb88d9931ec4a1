package dev.poolstress.stress.runner;

import java.time.Duration;
import java.util.List;

/**
 * The runner's finding for one test against one strategy and algorithm.
 *
 * @param subject   the strategy id or class, with {@code /legacy} appended for the legacy algorithm
 * @param forbidden the failing outcomes seen; empty unless {@link Status#FORBIDDEN} (and then only for a catalog
 *                  entry no test caught, which {@code detail} explains)
 * @param detail    what went wrong, for errors, time-outs and tests that never ran
 * @param elapsed   from the start of the jcstress run to the end of the run, or to the first report of this test's
 *                  failure while it was running
 */
public record Verdict(String subject, Suite.Test test, Status status, List<Outcome> forbidden, String detail,
                      Duration elapsed) {
    public enum Status {
        OK, FORBIDDEN, ERROR, TIMEOUT, NOT_RUN;

        /** How the verdict table prints it. */
        public String label() {
            return switch (this) {
                case OK -> "OK";
                case FORBIDDEN -> "FORBIDDEN seen";
                case ERROR -> "error";
                case TIMEOUT -> "timeout";
                case NOT_RUN -> "not run";
            };
        }
    }

    public boolean passed() {
        return status == Status.OK;
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
