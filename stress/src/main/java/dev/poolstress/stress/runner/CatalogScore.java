package dev.poolstress.stress.runner;

import dev.poolstress.engine.LockStrategy;
import dev.poolstress.stress.broken.Catalog;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** The suite's score against the catalog: which broken strategies some test caught, which test, and how fast. */
public final class CatalogScore {
    private CatalogScore() {
    }

    /** The entries caught: a forbidden outcome seen by at least one test. */
    public static long caught(List<Verdict> verdicts) {
        return Catalog.ENTRIES.stream().filter(e -> firstCatch(e, verdicts).isPresent()).count();
    }

    public static String render(List<Verdict> verdicts) {
        StringBuilder out = new StringBuilder();
        out.append(String.format("catalog score: %d of %d broken strategies caught%n", caught(verdicts),
                Catalog.ENTRIES.size()));
        for (Class<? extends LockStrategy> entry : Catalog.ENTRIES) {
            Optional<Verdict> caught = firstCatch(entry, verdicts);
            String name = entry.getSimpleName();
            if (caught.isPresent()) {
                Verdict v = caught.get();
                out.append(String.format("  CAUGHT  %-24s by %s after %ds: %s%n", name, v.test().simpleName(),
                        v.elapsed().toSeconds(), v.summary()));
            } else {
                String why = verdicts.stream().filter(v -> v.subject().equals(entry.getName()))
                        .map(v -> v.test().simpleName() + " " + v.status().label()).reduce((a, b) -> a + ", " + b)
                        .orElse("not run");
                out.append(String.format("  MISSED  %-24s (%s)%n", name, why));
            }
        }
        return out.toString();
    }

    private static Optional<Verdict> firstCatch(Class<?> entry, List<Verdict> verdicts) {
        return verdicts.stream()
                .filter(v -> v.subject().equals(entry.getName()) && v.status() == Verdict.Status.FORBIDDEN)
                .min(Comparator.comparing(Verdict::elapsed));
    }
}
