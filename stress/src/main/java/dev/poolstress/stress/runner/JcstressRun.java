package dev.poolstress.stress.runner;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One jcstress run in a child JVM: the suite's tests for one strategy and algorithm, its report in a directory of
 * its own, its output kept in {@code jcstress.log} there. Progress lines are echoed as they come. When no fork reports
 * for the stall limit, the run's forks are thread-dumped ({@code jcmd Thread.print}), the fork whose actors are in
 * one of the run's tests is ended and that test recorded as stalled, and jcstress goes on with the others; a run
 * that outlives its time-out is killed with its forks.
 */
public final class JcstressRun {
    private final List<String> command;
    private final Path reportDir;
    private final Duration timeout;
    private final Duration stallLimit;
    private final List<String> tests;

    /** A test whose fork stopped reporting: how long it had been quiet and the last progress seen before. */
    public record Stall(Duration idle, String lastProgress, Duration at) {
    }

    /**
     * What came back: the output, when each failing test was first reported, the tests that stalled, how long each
     * reported test's forks took (from the end of jcstress's start-up or the previous fork's report), and how the
     * child ended.
     */
    public record Result(List<String> lines, Map<String, Duration> firstFailure, Map<String, Stall> stalls,
                         Map<String, Duration> durations, Duration elapsed, boolean timedOut, int exitCode,
                         Path log) {
    }

    /** @param tests the class names of the tests the run selects, to find the one a stalled fork is running */
    public JcstressRun(List<String> command, Path reportDir, Duration timeout, Duration stallLimit,
                       List<String> tests) {
        this.command = List.copyOf(command);
        this.reportDir = reportDir;
        this.timeout = timeout;
        this.stallLimit = stallLimit;
        this.tests = List.copyOf(tests);
    }

    /** The child's command line: {@code java -cp CLASSPATH org.openjdk.jcstress.Main ...}. */
    public static List<String> command(String classpath, List<String> tierArgs, String testRegex, Path reportDir,
                                       List<String> forkProperties) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-cp");
        cmd.add(classpath);
        cmd.add("org.openjdk.jcstress.Main");
        cmd.addAll(tierArgs);
        cmd.add("-v");
        cmd.add("-t");
        cmd.add(testRegex);
        cmd.add("-r");
        cmd.add(reportDir.toString());
        cmd.add("-jvmArgs");
        cmd.add(String.join(" ", forkProperties));
        return cmd;
    }

    /**
     * Runs jcstress to its end, its time-out or a signal.
     *
     * @param progress takes the lines worth showing while the run goes (failures, stalls, jcstress's tally)
     * @throws InterruptedException also when the JVM is shutting down (a signal): no child is started then, and one
     *                              started as the shutdown began is ended at once
     */
    public Result run(String label, Consumer<String> progress) throws IOException, InterruptedException {
        Files.createDirectories(reportDir);
        Path log = reportDir.resolve("jcstress.log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(reportDir.toFile()).redirectErrorStream(true);
        long start = System.nanoTime();
        if (shuttingDown()) {
            throw new InterruptedException("the JVM is shutting down; jcstress not started");
        }
        Process process = builder.start();
        if (shuttingDown()) { // the signal hook may have listed the forks before this one existed
            process.destroyForcibly();
            throw new InterruptedException("the JVM is shutting down; jcstress ended");
        }
        List<String> lines = new ArrayList<>();
        Map<String, Duration> firstFailure = new ConcurrentHashMap<>();
        Map<String, Stall> stalls = new ConcurrentHashMap<>();
        Map<String, Duration> durations = new ConcurrentHashMap<>();
        StallWatch watch = new StallWatch(stallLimit, System::nanoTime);
        Thread reader = new Thread(() -> read(process, lines, firstFailure, durations, watch, start, label, progress,
                log),
                "jcstress-output-" + label);
        reader.setDaemon(true);
        reader.start();
        long deadline = start + timeout.toNanos();
        boolean finished = false;
        while (!finished && System.nanoTime() < deadline) {
            finished = process.waitFor(Math.min(1000, (deadline - System.nanoTime()) / 1_000_000 + 1),
                    TimeUnit.MILLISECONDS);
            if (!finished && watch.stalled()) {
                endStalledFork(process, watch, stalls, start, label, progress);
            }
        }
        if (!finished) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor();
        }
        reader.join(TimeUnit.SECONDS.toMillis(30));
        if (shuttingDown()) {
            throw new InterruptedException("the JVM is shutting down; jcstress was ended by the signal hook");
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        synchronized (lines) {
            return new Result(List.copyOf(lines), Map.copyOf(firstFailure), Map.copyOf(stalls),
                    Map.copyOf(durations), elapsed, !finished, finished ? process.exitValue() : -1, log);
        }
    }

    /**
     * Thread-dumps every JVM the run forked, ends the one running a test of this run (a test that stalls again, in its
     * other JVM configuration, is ended again and keeps its first stall), and restarts the watch so the remaining
     * tests get the whole limit.
     */
    private void endStalledFork(Process process, StallWatch watch, Map<String, Stall> stalls, long start,
                                String label, Consumer<String> progress) throws IOException, InterruptedException {
        Duration idle = watch.idle();
        for (ProcessHandle fork : process.descendants().toList()) {
            Optional<String> test = StallWatch.testInThreadDump(threadDump(fork.pid()), tests);
            if (test.isPresent()) {
                stalls.putIfAbsent(test.get(), new Stall(idle, watch.lastProgress(), Duration.ofNanos(System.nanoTime()
                        - start)));
                progress.accept(String.format("  %s: %s STALLED: no progress for %ds (last: %s); ending its fork "
                        + "(pid %d)", label, test.get().substring(test.get().lastIndexOf('.') + 1), idle.toSeconds(),
                        watch.lastProgress(), fork.pid()));
                fork.descendants().forEach(ProcessHandle::destroyForcibly);
                fork.destroyForcibly();
                watch.progress("ended the stalled fork of " + test.get());
                return;
            }
        }
        progress.accept(String.format("  %s: no progress for %ds (last: %s), but no fork is in a test of this run; "
                + "waiting", label, idle.toSeconds(), watch.lastProgress()));
        watch.progress("a stall check that found no fork in a test");
    }

    /** Whether the JVM has begun running its shutdown hooks: adding a hook is refused from then on. */
    public static boolean shuttingDown() {
        Thread probe = new Thread(() -> { });
        try {
            Runtime.getRuntime().addShutdownHook(probe);
            Runtime.getRuntime().removeShutdownHook(probe);
            return false;
        } catch (IllegalStateException e) {
            return true;
        }
    }

    private static String threadDump(long pid) throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process dump = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "Thread.print")
                .redirectErrorStream(true).start();
        byte[] out = dump.getInputStream().readAllBytes();
        if (!dump.waitFor(30, TimeUnit.SECONDS)) {
            dump.destroyForcibly();
        }
        return new String(out, StandardCharsets.UTF_8);
    }

    private static void read(Process process, List<String> lines, Map<String, Duration> firstFailure,
                             Map<String, Duration> durations, StallWatch watch, long start, String label,
                             Consumer<String> progress, Path log) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8));
             PrintWriter out = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8))) {
            boolean inResults = false;
            long lastReport = start;
            String lastTally = "";
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                out.println(line);
                synchronized (lines) {
                    lines.add(line);
                }
                inResults |= line.trim().equals("RUN RESULTS:");
                if (inResults) {
                    continue;
                }
                if (line.trim().equals("Test configuration:")) {
                    lastReport = System.nanoTime(); // jcstress's VM probing is done: forks start now
                }
                String reported = JcstressOutput.reportedTest(line);
                if (reported != null) {
                    watch.progress(line.replaceFirst("^\\.+ ", "").trim());
                    long now = System.nanoTime();
                    durations.merge(reported, Duration.ofNanos(now - lastReport), Duration::plus);
                    lastReport = now;
                }
                String failed = JcstressOutput.failedTest(line);
                if (failed != null && !firstFailure.containsKey(failed)) {
                    Duration at = Duration.ofNanos(System.nanoTime() - start);
                    firstFailure.put(failed, at);
                    progress.accept(String.format("  %s: %s FAILED after %ds", label,
                            failed.substring(failed.lastIndexOf('.') + 1), at.toSeconds()));
                } else if (line.startsWith("(Results:") && !line.equals(lastTally)) {
                    // jcstress repeats its tally with every periodic status block: show it when it changes
                    lastTally = line;
                    progress.accept(String.format("  %s: %s", label, line.substring(1, line.length() - 1)));
                }
            }
        } catch (IOException e) {
            progress.accept(String.format("  %s: lost the jcstress output: %s", label, e));
        }
    }
}
