package dev.poolstress.stress.runner;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A race, checked: what to run it against and how hard.
 *
 * @param strategies    built-in ids or class names, already resolved by {@link Strategies}
 * @param userClasspath a user's strategy jars or class directories, added to every forked JVM
 * @param tests         selects suite tests by class name; null for the tier's (or the catalog's) own selection
 * @param catalog       race the catalog's broken strategies against the tests that must catch them
 * @param stallLimit    how long a jcstress run may go without a fork reporting before its running test is STALLED
 * @param durations     measured test durations, by which the shards are packed
 */
public record RaceRequest(List<String> strategies, List<Path> userClasspath, Pattern tests, Tier tier, Shard shard,
                          Path reportDir, boolean catalog, Duration stallLimit, Durations durations) {
    /** The default stall limit: a ci-tier fork reports within seconds, a livelock never. */
    public static final Duration STALL_LIMIT = Duration.ofSeconds(60);

    /** A request with the default stall limit and no recorded durations. */
    public RaceRequest(List<String> strategies, List<Path> userClasspath, Pattern tests, Tier tier, Shard shard,
                       Path reportDir, boolean catalog) {
        this(strategies, userClasspath, tests, tier, shard, reportDir, catalog, STALL_LIMIT, Durations.NONE);
    }
}
