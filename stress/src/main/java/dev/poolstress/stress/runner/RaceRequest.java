package dev.poolstress.stress.runner;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A race, checked: what to run it against and how hard.
 *
 * @param strategies    built-in ids or class names, already resolved by {@link Strategies}
 * @param userClasspath a user's strategy jars or class directories, added to every forked JVM
 * @param tests         selects suite tests by class name; null for the tier's (or the catalog's) own selection
 * @param catalog       race the catalog's broken strategies against the tests that must catch them
 */
public record RaceRequest(List<String> strategies, List<Path> userClasspath, Pattern tests, Tier tier, Shard shard,
                          Path reportDir, boolean catalog) {
}
