package dev.poolstress.stress.runner;

import dev.poolstress.engine.LockStrategy;
import dev.poolstress.stress.broken.Catalog;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** The suite's score against the catalog: which broken strategies some test caught, which test, and how fast. */
public final class CatalogScore {
    /** One broken strategy: the verdict that caught it first, if any, and all its verdicts. */
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
            Optional<Verdict> caught = mine.stream().filter(v -> v.status() == Verdict.Status.FORBIDDEN)
                    .min(Comparator.comparing(Verdict::elapsed));
            return new Entry(e, caught, mine);
        }).toList();
    }

    public static long caught(List<Verdict> verdicts) {
        return entries(verdicts).stream().filter(e -> e.caughtBy().isPresent()).count();
    }

    public static String render(List<Verdict> verdicts) {
        List<Entry> entries = entries(verdicts);
        StringBuilder out = new StringBuilder(String.format("catalog score: %d of %d broken strategies caught%n",
                entries.stream().filter(e -> e.caughtBy().isPresent()).count(), entries.size()));
        for (Entry entry : entries) {
            if (entry.caughtBy().isPresent()) {
                Verdict v = entry.caughtBy().get();
                out.append(String.format("  CAUGHT  %-24s by %s after %ds: %s%n", entry.name(), v.test().simpleName(),
                        v.elapsed().toSeconds(), v.summary()));
            } else {
                out.append(String.format("  MISSED  %-24s (%s)%n", entry.name(), entry.missedBecause()));
            }
        }
        return out.toString();
    }

    /**
     * As verdicts for JUnit XML: one per broken strategy, passing when caught, a failure when every test ran and
     * missed it, an error when a test could not run.
     */
    public static List<Verdict> asVerdicts(List<Verdict> verdicts) {
        return entries(verdicts).stream().map(e -> {
            Suite.Test test = new Suite.Test("catalog." + e.name());
            if (e.caughtBy().isPresent()) {
                Verdict v = e.caughtBy().get();
                return new Verdict("catalog", test, Verdict.Status.OK, List.of(), "", v.elapsed());
            }
            Duration spent = e.verdicts().stream().map(Verdict::elapsed).max(Comparator.naturalOrder())
                    .orElse(Duration.ZERO);
            boolean ran = !e.verdicts().isEmpty()
                    && e.verdicts().stream().allMatch(v -> v.status() == Verdict.Status.OK);
            return new Verdict("catalog", test, ran ? Verdict.Status.FORBIDDEN : Verdict.Status.ERROR,
                    List.of(), "not caught: " + e.missedBecause(), spent);
        }).toList();
    }
}
