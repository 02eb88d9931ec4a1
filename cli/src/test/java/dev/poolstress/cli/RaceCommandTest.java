package dev.poolstress.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.poolstress.engine.pool.LockStrategies;
import dev.poolstress.stress.runner.RaceRequest;
import dev.poolstress.stress.runner.RaceRunner;
import dev.poolstress.stress.runner.Shard;
import dev.poolstress.stress.runner.Suite;
import dev.poolstress.stress.runner.Tier;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class RaceCommandTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int race(String... args) {
        RaceCommand command = new RaceCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new CommandLine(command).execute(args);
    }

    private String error() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private static RaceRequest request(String... args) {
        RaceCommand command = new RaceCommand();
        new CommandLine(command).parseArgs(args);
        return command.request();
    }

    private int raceIn(java.util.Map<String, String> env, String... args) {
        RaceCommand command = new RaceCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), env);
        return new CommandLine(command).execute(args);
    }

    @Test
    void shouldListEveryTestWithItsPropertyAndTiersThenTheTiers() {
        assertEquals(0, race("--list"));

        String listed = out.toString(StandardCharsets.UTF_8);
        for (Suite.Test test : Suite.TESTS) {
            assertTrue(listed.matches("(?s).*\\n  " + test.simpleName() + " +" + test.property()
                    + " +ci, nightly, full\\n.*"), listed);
        }
        assertTrue(listed.matches("(?s).*\\ntiers:\\n  ci +11 tests, algorithms stack, jcstress -m quick .*"),
                listed);
        assertTrue(listed.contains("  nightly  11 tests, algorithms stack, legacy, jcstress -m quick, a run times "
                + "out after 1h00m"), listed);
    }

    @Test
    void shouldCheckTheOutputPathsBeforeRunningAndCreateNothing(@TempDir Path tmp) throws Exception {
        Path notADir = Files.writeString(tmp.resolve("passwd"), "root");
        Path junit = tmp.resolve("new/dir/race.xml");
        Path reports = tmp.resolve("reports/deep");

        assertEquals(2, race("--junit", notADir.resolve("race.xml").toString(), "--report-dir", reports.toString()));
        assertTrue(error().contains("--junit '" + notADir.resolve("race.xml") + "': " + notADir + " is a file"),
                error());
        assertEquals(2, race("--junit", junit.toString(), "--report-dir", notADir.toString()));
        assertTrue(error().contains("--report-dir '" + notADir + "' is a file; give a directory"), error());
        assertEquals(2, race("--junit", tmp.toString()));
        assertTrue(error().contains("is a directory; give a file name"), error());
        assertEquals(2, race("--junit", junit.toString(), "--report-dir", reports.toString(), "--tier", "weekly"));
        try (Stream<Path> left = Files.list(tmp)) {
            assertEquals(List.of(notADir), left.toList(), "a rejected race created files or directories");
        }
    }

    @Test
    void shouldRejectRunsWithoutTheCatalogAndAStallLimitBelowOneSecond() {
        assertEquals(2, race("--runs", "5"));
        assertTrue(error().contains("--runs repeats the catalog score; use it with --catalog"), error());
        assertEquals(2, race("--stall-after", "0"));
        assertTrue(error().contains("--stall-after must be at least 1 second, was 0"), error());
        assertEquals(2, race("--catalog", "--runs", "0"));
        assertTrue(error().contains("--runs must be 1 to 100, was 0"), error());
    }

    @Test
    void shouldTakeTheShardFromBazelAndRefuseAShardThatDisagrees() {
        java.util.Map<String, String> bazel = java.util.Map.of("TEST_SHARD_INDEX", "1", "TEST_TOTAL_SHARDS", "3");
        assertEquals(2, raceIn(bazel, "--shard", "1/3"));
        assertTrue(error().contains("--shard 1/3 disagrees with Bazel's shard 2/3"), error());
        RaceCommand command = new RaceCommand(System.out, System.err, bazel);
        new CommandLine(command).parseArgs();
        assertEquals(new Shard(2, 3), command.request().shard());
    }

    @Test
    void shouldRejectAMissingDurationsFile() {
        assertEquals(2, race("--durations", "no-such-durations.tsv"));
        assertTrue(error().contains("--durations file no-such-durations.tsv does not exist"), error());
    }

    @Test
    void shouldRejectAnUnknownStrategyIdListingTheBuiltIns() {
        assertEquals(2, race("--strategy", "spin-nope"));
        assertTrue(error().startsWith("race: --strategy: unknown lock strategy 'spin-nope'"), error());
        assertTrue(error().contains("spin-mcs"), error());
        assertTrue(error().strip().endsWith("(see 'race --help')"), error());
        assertEquals(1, error().lines().count());
        assertEquals("", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void shouldRejectAClassThatIsNotALockStrategy() {
        assertEquals(2, race("--strategy", "java.lang.String"));
        assertTrue(error().contains("'java.lang.String' is not a concrete implementation of "
                + "dev.poolstress.engine.LockStrategy"), error());
    }

    @Test
    void shouldRejectAClassThatCannotBeLoaded() {
        assertEquals(2, race("--strategy", "com.example.Missing"));
        assertTrue(error().contains("'com.example.Missing' cannot be loaded"), error());
    }

    @Test
    void shouldRefuseABrokenStrategyOutsideTheCatalog() {
        assertEquals(2, race("--strategy", "dev.poolstress.stress.broken.UnlockedFree"));
        assertTrue(error().contains("deliberately broken"), error());
        assertTrue(error().contains("--strategy: ") && error().contains("the catalog is raced as a whole"), error());
    }

    @Test
    void shouldRejectAMalformedShard() {
        assertEquals(2, race("--shard", "5/4"));
        assertTrue(error().startsWith("race: --shard must be I/N with 1 <= I <= N"), error());
    }

    @Test
    void shouldRejectAnUnknownTierAndABadRegex() {
        assertEquals(2, race("--tier", "weekly"));
        assertTrue(error().contains("--tier must be one of ci, nightly, full, was 'weekly'"), error());
        assertEquals(2, race("--tests", "(unclosed"));
        assertTrue(error().contains("--tests must be a Java regular expression"), error());
    }

    @Test
    void shouldRejectAMissingClasspathEntry() {
        assertEquals(2, race("--classpath", "/no/such/strategies.jar"));
        assertTrue(error().contains("--classpath entry '/no/such/strategies.jar' does not exist"), error());
    }

    @Test
    void shouldRejectStrategiesAlongsideTheCatalog() {
        assertEquals(2, race("--catalog", "--strategy", "spin-mcs"));
        assertTrue(error().contains("--catalog races the broken strategies"), error());
    }

    @Test
    void shouldRefuseToShardTheCatalogWhoseScoreNeedsEveryEntry() {
        assertEquals(2, race("--catalog", "--shard", "1/2"));
        assertTrue(error().contains("--shard cannot split it (was 1/2)"), error());
    }

    @Test
    void shouldMatchTestsIgnoringCase() {
        List<RaceRunner.Unit> units = RaceRunner.plan(request("--strategy", "spin-tas", "--tests", "Ownership"));

        assertEquals(List.of("ConcurrentAllocsNeverShareABlock", "PopPushRaceNeverSharesABlock"),
                units.stream().map(u -> u.test().simpleName()).toList());
    }

    @Test
    void shouldFailASelectionThatMatchesNothingBeforeRunningAnything() {
        assertEquals(1, race("--tests", "NoSuchTest"));
        assertTrue(error().contains("the selection matched nothing (--tests 'NoSuchTest')"), error());
    }

    @Test
    void shouldDefaultToEveryBuiltInOnTheCiTier() {
        RaceRequest request = request();

        assertEquals(LockStrategies.builtInIds(), request.strategies());
        assertEquals(Tier.CI, request.tier());
        assertEquals(Shard.WHOLE, request.shard());
        assertEquals(LockStrategies.builtInIds().size() * Tier.CI.tests().size(), RaceRunner.plan(request).size());
    }

    @Test
    void shouldPlanEachSelectedTestForEachStrategyAndAlgorithm() {
        RaceRequest request = request("--strategy", "spin-mcs", "--strategy", "percpu", "--tier", "nightly",
                "--tests", "ownership");

        List<RaceRunner.Unit> units = RaceRunner.plan(request);

        assertEquals(2 * 2 * 2, units.size());
        assertEquals(List.of("spin-mcs", "spin-mcs", "spin-mcs/legacy", "spin-mcs/legacy"),
                units.subList(0, 4).stream().map(RaceRunner.Unit::subject).toList());
        assertTrue(units.stream().allMatch(u -> u.test().property().equals("ownership")));
    }

    @Test
    void shouldGiveTheCiTierEveryTestThatMustCatchACatalogEntry() {
        for (Class<? extends dev.poolstress.engine.LockStrategy> entry : dev.poolstress.stress.broken.Catalog.ENTRIES) {
            for (Class<?> catcher : dev.poolstress.stress.broken.Catalog.catchers(entry)) {
                assertTrue(Tier.CI.tests().contains(Suite.test(catcher)), catcher + " catches " + entry);
            }
        }
    }

    @Test
    void shouldRunTheCatalogAgainstTheTestsThatMustCatchIt() {
        RaceRequest request = request("--catalog");

        List<RaceRunner.Unit> units = RaceRunner.plan(request);

        assertTrue(units.stream().anyMatch(u -> u.strategy().endsWith("UntaggedTreiberStack")
                && u.test().simpleName().equals("PopPushRaceNeverSharesABlock")));
        assertTrue(units.stream().filter(u -> u.test().simpleName().equals("IrqStormTerminates"))
                .allMatch(u -> u.strategy().endsWith("QueueSkippingTicketLock")));
        assertTrue(units.stream().filter(u -> u.strategy().endsWith("QueueSkippingTicketLock"))
                .allMatch(u -> u.test().simpleName().equals("IrqStormTerminates")));
    }

    @Test
    void shouldAcceptAStrategyClassAndKeepItsClasspathForTheForks() throws Exception {
        // the engine's classes directory stands in for a user's strategy directory
        Path engineClasses = Path.of(LockStrategies.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        RaceRequest request = request("--strategy", "dev.poolstress.engine.lock.TasSpinLock", "--classpath",
                engineClasses.toString(), "--tests", Pattern.quote("AllocFreeLosesNoBlock"));

        assertEquals(List.of("dev.poolstress.engine.lock.TasSpinLock"), request.strategies());
        assertEquals(List.of(engineClasses), request.userClasspath());
        assertEquals(1, RaceRunner.plan(request).size());
    }
}
