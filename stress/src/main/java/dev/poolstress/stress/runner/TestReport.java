package dev.poolstress.stress.runner;

import java.util.List;

/**
 * What jcstress reported for one test across all its JVM configurations.
 *
 * @param status   jcstress's grade: {@code OK}, {@code FAILED}, {@code ERROR} and the like
 * @param outcomes the rows of its "Results across all configurations" table
 */
public record TestReport(String test, String status, List<Outcome> outcomes) {
    public List<Outcome> failing() {
        return outcomes.stream().filter(Outcome::failing).toList();
    }
}
