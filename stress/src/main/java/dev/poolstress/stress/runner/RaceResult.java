package dev.poolstress.stress.runner;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What a race found: a verdict per test and strategy, jcstress's HTML reports, and how long it all took.
 *
 * @param selected how many test-and-strategy pairs were selected; 0 means the selection matched nothing
 */
public record RaceResult(int selected, List<Verdict> verdicts, List<Path> htmlReports, Duration wallTime) {
    /** True only if something was selected and every selected test ran and passed. */
    public boolean passed() {
        return selected > 0 && verdicts.size() == selected && verdicts.stream().allMatch(Verdict::passed);
    }
}
