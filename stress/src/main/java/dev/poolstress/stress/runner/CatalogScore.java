package dev.poolstress.stress.runner;

import dev.poolstress.engine.LockStrategy;
import dev.poolstress.stress.broken.Catalog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The suite's score against the catalog, over one or more runs: for each broken strategy, the verdict that caught it
 * first in each run, and how strongly (forbidden samples per million, or a stall).
 */
public final class CatalogScore {
    /** One broken strategy in one run: the verdict that caught it first, if any, and all its verdicts. */
    public record Entry(Class<? extends LockStrategy> strategy, Optional<Verdict> caughtBy, List<Verdict> verdicts) {
        public String name() {
            return strategy.getSimpleName();
        }

        /** Why it was missed: each test it ran and that test's verdict. */
        public String missedBecause() {
            return verdicts.isEmpty() ? "not run" : String.join(", ", verdicts.stream()
                    .map(v -> v.test().simpleName() + " " + v.status().label()).toList());
        }
    }

    private CatalogScore() {
    }

    public static List<Entry> entries(List<Verdict> verdicts) {
        return Catalog.ENTRIES.stream().map(e -> {
            List<Verdict> mine = verdicts.stream().filter(v -> v.subject().equals(e.getName())).toList();
            Optional<Verdict> caught = mine.stream().filter(Verdict::caught)
                    .min(Comparator.comparing(Verdict::elapsed));
            return new Entry(e, caught, mine);
        }).toList();
    }

    public static long caught(List<Verdict> verdicts) {
        return entries(verdicts).stream().filter(e -> e.caughtBy().isPresent()).count();
    }

    /** How many broken strategies were caught in every one of {@code runs}. */
    public static long caughtInEveryRun(List<List<Verdict>> runs) {
        return Catalog.ENTRIES.stream().filter(e -> runs.stream().allMatch(run -> entries(run).stream()
                .anyMatch(x -> x.strategy() == e && x.caughtBy().isPresent()))).count();
    }

    /**
     * The score table: per broken strategy, the test that caught it, forbidden samples per million samples of that
     * test (lowest and highest over the runs that caught it; "stall" for a stalled fork), the forbidden samples of
     * the run's strongest catch (lowest and highest over the runs: how far each run was from a miss), runs caught,
     * and the time to catch (longest over the runs); then, for every miss, what each test saw.
     */
    public static String render(List<List<Verdict>> runs) {
        StringBuilder out = new StringBuilder(String.format("catalog score: %d of %d broken strategies caught in %s%n",
                caughtInEveryRun(runs), Catalog.ENTRIES.size(), runs.size() == 1 ? "the run"
                        : "all " + runs.size() + " runs"));
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"", "strategy", "caught by", "forbidden per million", "strongest, samples", "runs",
            "time to catch"});
        for (int i = 0; i < Catalog.ENTRIES.size(); i++) {
            int index = i;
            List<Entry> perRun = runs.stream().map(run -> entries(run).get(index)).toList();
            List<Verdict> catches = perRun.stream().flatMap(e -> e.caughtBy().stream()).toList();
            String by = String.join(", ", catches.stream().map(v -> v.test().simpleName()).distinct().toList());
            String slowest = catches.stream().map(Verdict::elapsed).max(Comparator.naturalOrder())
                    .map(d -> d.toSeconds() + "s").orElse("-");
            rows.add(new String[] {catches.size() == runs.size() ? "CAUGHT" : "MISSED", perRun.get(0).name(),
                by.isEmpty() ? "-" : by, catches.isEmpty() ? "-" : rate(catches), strongest(perRun),
                catches.size() + "/" + runs.size(), slowest});
        }
        int[] widths = new int[rows.get(0).length - 1]; // the last column is not padded
        for (String[] row : rows) {
            for (int c = 0; c < widths.length; c++) {
                widths[c] = Math.max(widths[c], row[c].length());
            }
        }
        for (String[] row : rows) {
            out.append(' ');
            for (int c = 0; c < widths.length; c++) {
                out.append(' ').append(row[c]).append(" ".repeat(widths[c] - row[c].length()));
            }
            out.append(' ').append(row[widths.length]).append(System.lineSeparator());
        }
        for (int r = 0; r < runs.size(); r++) {
            for (Entry entry : entries(runs.get(r))) {
                if (entry.caughtBy().isEmpty()) {
                    out.append(String.format("  missed %s%s: %s%n", entry.name(),
                            runs.size() == 1 ? "" : " in run " + (r + 1), entry.missedBecause()));
                }
            }
        }
        return out.toString();
    }

    /**
     * Per run that caught the entry, the most forbidden samples one test saw; the lowest and highest of those over
     * the runs, "-" if no run counted any (a stall, or nothing caught).
     */
    private static String strongest(List<Entry> perRun) {
        long[] best = perRun.stream().filter(e -> e.caughtBy().isPresent())
                .mapToLong(e -> e.verdicts().stream().filter(Verdict::caught).mapToLong(Verdict::forbiddenSamples)
                        .max().orElse(0))
                .filter(n -> n > 0).toArray();
        if (best.length == 0) {
            return "-";
        }
        long low = Arrays.stream(best).min().orElseThrow();
        long high = Arrays.stream(best).max().orElseThrow();
        return low == high ? Long.toString(low) : low + "-" + high;
    }

    private static String rate(List<Verdict> catches) {
        if (catches.stream().allMatch(v -> v.status() == Verdict.Status.STALLED)) {
            return "stall";
        }
        double low = catches.stream().mapToDouble(Verdict::forbiddenPerMillion).min().orElse(0);
        double high = catches.stream().mapToDouble(Verdict::forbiddenPerMillion).max().orElse(0);
        String stalls = catches.stream().anyMatch(v -> v.status() == Verdict.Status.STALLED) ? " or stall" : "";
        return (low == high ? String.format(Locale.ROOT, "%.0f", low)
                : String.format(Locale.ROOT, "%.0f-%.0f", low, high)) + stalls;
    }

    /**
     * As verdicts for JUnit XML: one per broken strategy, passing when caught in every run, {@link
     * Verdict.Status#MISSED} (a failure) when every test ran and some run missed it, an error when a test could not
     * run.
     */
    public static List<Verdict> asVerdicts(List<List<Verdict>> runs) {
        return asVerdicts(runs, Catalog.ENTRIES);
    }

    /**
     * As {@link #asVerdicts}, for the broken strategies that were graded in every one of {@code runs} only (none
     * when there are no runs): what an interrupted catalog run can report.
     */
    public static List<Verdict> asVerdictsOfRaced(List<List<Verdict>> runs) {
        return asVerdicts(runs, Catalog.ENTRIES.stream().filter(e -> !runs.isEmpty() && runs.stream()
                .allMatch(run -> run.stream().anyMatch(v -> v.subject().equals(e.getName())))).toList());
    }

    private static List<Verdict> asVerdicts(List<List<Verdict>> runs,
                                            List<Class<? extends LockStrategy>> strategies) {
        return strategies.stream().map(e -> {
            List<Entry> perRun = runs.stream().map(run -> entries(run).stream().filter(x -> x.strategy() == e)
                    .findFirst().orElseThrow()).toList();
            Suite.Test test = new Suite.Test("catalog." + e.getSimpleName(), "catalog");
            Duration spent = perRun.stream().flatMap(x -> x.verdicts().stream()).map(Verdict::elapsed)
                    .max(Comparator.naturalOrder()).orElse(Duration.ZERO);
            Optional<Entry> missed = perRun.stream().filter(x -> x.caughtBy().isEmpty()).findFirst();
            if (missed.isEmpty()) {
                return new Verdict("catalog", test, Verdict.Status.OK, List.of(), "", spent);
            }
            boolean ran = !missed.get().verdicts().isEmpty()
                    && missed.get().verdicts().stream().allMatch(v -> v.status() == Verdict.Status.OK);
            long caughtRuns = perRun.stream().filter(x -> x.caughtBy().isPresent()).count();
            return new Verdict("catalog", test, ran ? Verdict.Status.MISSED : Verdict.Status.ERROR, List.of(),
                    "not caught" + (runs.size() == 1 ? "" : " in " + (runs.size() - caughtRuns) + " of "
                            + runs.size() + " runs") + ": " + missed.get().missedBecause(), spent);
        }).toList();
    }
}
