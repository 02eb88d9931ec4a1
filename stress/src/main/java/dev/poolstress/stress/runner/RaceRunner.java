package dev.poolstress.stress.runner;

import dev.poolstress.engine.freelist.Algorithm;
import dev.poolstress.stress.broken.Catalog;
import dev.poolstress.stress.progress.Progress;
import dev.poolstress.stress.subject.Subject;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/**
 * Runs the jcstress suite: splits the selection (strategy x algorithm x test) into this shard's slice, runs one
 * jcstress child JVM per strategy and algorithm in it, and grades every selected test from jcstress's output. A
 * test that never reports, a run that times out and a run that ends early all count as failures.
 */
public final class RaceRunner {
    /** One test against one strategy and algorithm: the unit of work sharding splits. */
    public record Unit(String strategy, Algorithm algorithm, Suite.Test test) {
        public String subject() {
            return algorithm == Algorithm.STACK ? strategy : strategy + "/" + algorithm;
        }
    }

    private final PrintStream out;
    private final Durations expected;
    private final List<Verdict> finished;

    /** A runner that prints its progress to {@code out} with no estimate of the time left until a job ends. */
    public RaceRunner(PrintStream out) {
        this(out, Durations.NONE, new CopyOnWriteArrayList<>());
    }

    /**
     * @param expected recorded durations for the progress line's ETA ({@link Durations#NONE}: from the finished jobs)
     * @param finished receives each job's verdicts as soon as the job is graded, for a writer that must report what
     *                 an interrupted run had finished; it must be safe to read from another thread
     */
    public RaceRunner(PrintStream out, Durations expected, List<Verdict> finished) {
        this.out = out;
        this.expected = expected;
        this.finished = finished;
    }

    /**
     * What a shard pays once per jcstress run it starts: jcstress's CPU burn-in and VM probing, measured at 5 to 7 s
     * on the shared 2-core machine.
     */
    static final double JCSTRESS_START_SECONDS = 6;

    /** The units a request selects, this shard's part only, in run order. */
    public static List<Unit> plan(RaceRequest request) {
        List<Unit> units = new ArrayList<>();
        List<Algorithm> algorithms = request.catalog() ? List.of(Algorithm.STACK) : request.tier().algorithms();
        for (String strategy : request.strategies()) {
            List<Suite.Test> tests = request.tests() != null ? Suite.matching(request.tests())
                    : request.catalog() ? catchers(strategy) : request.tier().tests();
            for (Algorithm algorithm : algorithms) {
                for (Suite.Test test : tests) {
                    units.add(new Unit(strategy, algorithm, test));
                }
            }
        }
        return request.shard().pack(units, u -> request.durations().of(u.subject(), u.test().className()),
                u -> u.strategy() + "\n" + u.algorithm(), JCSTRESS_START_SECONDS);
    }

    private static List<Suite.Test> catchers(String strategy) {
        return Catalog.ENTRIES.stream().filter(e -> e.getName().equals(strategy)).findFirst()
                .map(e -> Catalog.catchers(e).stream().map(Suite::test).toList()).orElse(Suite.TESTS);
    }

    public RaceResult run(RaceRequest request) throws IOException, InterruptedException {
        long start = System.nanoTime();
        List<Unit> units = plan(request);
        Map<String, List<Unit>> jobs = units.stream()
                .collect(Collectors.groupingBy(u -> u.strategy() + "\n" + u.algorithm(), LinkedHashMap::new,
                        Collectors.toList()));
        List<Verdict> verdicts = new ArrayList<>();
        Map<String, Duration> durations = new LinkedHashMap<>();
        List<Path> reports = new ArrayList<>();
        String classpath = classpath(request.userClasspath());
        Durations eta = expected == Durations.NONE ? request.durations() : expected;
        Duration expectedTotal = eta == Durations.NONE ? null : Duration.ofMillis(Math.round(1000 * (jobs.size()
                * JCSTRESS_START_SECONDS + units.stream().mapToDouble(u -> eta.of(u.subject(),
                u.test().className())).sum())));
        int n = 0;
        try (Progress progress = new Progress("race", Math.max(1, jobs.size()), expectedTotal, out,
                Progress.isTerminal())) {
            for (List<Unit> job : jobs.values()) {
                n++;
                Unit first = job.get(0);
                String label = first.subject();
                Path dir = request.reportDir().resolve(label.replaceAll("[^A-Za-z0-9._-]", "_"));
                progress.begin(n, label + ", " + job.size() + " test(s), tier "
                        + request.tier().name().toLowerCase(Locale.ROOT));
                // the pools' pages are direct buffers: keep their limit where jcstress's default 256 MB heap put it,
                // whatever heap the tier gives a fork (-hs)
                List<String> forkProperties = List.of("-XX:MaxDirectMemorySize=256m", "-Dpoolstress.lockdep=true",
                        "-D" + Subject.STRATEGY_PROPERTY + "=" + first.strategy(),
                        "-D" + Subject.ALGORITHM_PROPERTY + "=" + first.algorithm());
                String regex = job.stream().map(u -> "\\Q" + u.test().className() + "\\E")
                        .collect(Collectors.joining("|", "^(?:", ")$"));
                JcstressRun run = new JcstressRun(JcstressRun.command(classpath, request.tier().jcstressArgs(),
                        regex, dir.toAbsolutePath(), forkProperties), dir.toAbsolutePath(),
                        request.tier().runTimeout(), request.stallLimit(),
                        job.stream().map(u -> u.test().className()).toList());
                JcstressRun.Result result = run.run(label, progress::note);
                List<Verdict> graded = grade(job, result);
                verdicts.addAll(graded);
                finished.addAll(graded);
                for (Unit unit : job) {
                    Duration took = result.durations().get(unit.test().className());
                    if (took != null) {
                        durations.put(Durations.key(unit.subject(), unit.test().className()), took);
                    }
                }
                reports.add(dir.toAbsolutePath().resolve("index.html"));
                long bad = graded.stream().filter(v -> !v.passed()).count();
                progress.note(String.format("[%d/%d] %s: %s in %ds", n, jobs.size(), label,
                        bad == 0 ? "all " + graded.size() + " OK" : bad + " of " + graded.size() + " FAILED",
                        result.elapsed().toSeconds()));
            }
        }
        Durations.write(request.reportDir().resolve("durations.tsv"), verdicts, durations);
        return new RaceResult(units.size(), verdicts, reports, Duration.ofNanos(System.nanoTime() - start));
    }

    /** The verdicts for one job's tests from its jcstress run. */
    static List<Verdict> grade(List<Unit> job, JcstressRun.Result result) {
        Map<String, TestReport> reports = JcstressOutput.parse(result.lines());
        List<Verdict> verdicts = new ArrayList<>();
        for (Unit unit : job) {
            String name = unit.test().className();
            TestReport report = reports.get(name);
            JcstressRun.Stall stall = result.stalls().get(name);
            Duration elapsed = stall != null ? stall.at() : result.firstFailure().getOrDefault(name, result.elapsed());
            Verdict.Status status;
            String detail;
            List<Outcome> failing = List.of();
            if (stall != null) {
                status = Verdict.Status.STALLED;
                detail = "no progress for " + stall.idle().toSeconds() + "s, its fork ended; last progress seen: "
                        + stall.lastProgress();
            } else if (report == null) {
                status = result.timedOut() ? Verdict.Status.TIMEOUT : Verdict.Status.NOT_RUN;
                detail = result.timedOut() ? "jcstress run killed after " + result.elapsed().toSeconds() + "s"
                        : "jcstress (exit " + result.exitCode() + ") did not report this test; see " + result.log();
            } else if (!report.failing().isEmpty()) {
                status = Verdict.Status.FORBIDDEN;
                failing = report.failing();
                detail = "";
            } else if (report.status().equals("OK")) {
                status = Verdict.Status.OK;
                detail = "";
            } else {
                status = Verdict.Status.ERROR;
                detail = "jcstress graded it " + report.status() + "; see " + result.log();
            }
            long samples = report == null ? 0 : report.outcomes().stream().mapToLong(Outcome::samples).sum();
            verdicts.add(new Verdict(unit.subject(), unit.test(), status, failing, detail, elapsed, samples));
        }
        return verdicts;
    }

    private static String classpath(List<Path> user) {
        // absolute: the jcstress child runs in its report directory, where a relative entry would not resolve
        StringBuilder cp = new StringBuilder(String.join(File.pathSeparator, Arrays.stream(
                System.getProperty("java.class.path").split(File.pathSeparator))
                .map(e -> Path.of(e).toAbsolutePath().toString()).toList()));
        for (Path entry : user) {
            cp.append(File.pathSeparator).append(entry.toAbsolutePath());
        }
        return cp.toString();
    }
}
