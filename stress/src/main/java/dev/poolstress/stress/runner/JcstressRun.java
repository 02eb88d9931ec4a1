package dev.poolstress.stress.runner;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.concurrent.ConcurrentHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One jcstress run in a child JVM: the suite's tests for one strategy and algorithm, its report in a directory of
 * its own, its output kept in {@code jcstress.log} there. Progress lines are echoed as they come; a run that outlives
 * its time-out is killed with its forks.
 */
public final class JcstressRun {
    private final List<String> command;
    private final Path reportDir;
    private final Duration timeout;

    /** What came back: the output, when each failing test was first reported, and how the child ended. */
    public record Result(List<String> lines, Map<String, Duration> firstFailure, Duration elapsed, boolean timedOut,
                         int exitCode, Path log) {
    }

    public JcstressRun(List<String> command, Path reportDir, Duration timeout) {
        this.command = List.copyOf(command);
        this.reportDir = reportDir;
        this.timeout = timeout;
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

    public Result run(String label, PrintStream progress) throws IOException, InterruptedException {
        Files.createDirectories(reportDir);
        Path log = reportDir.resolve("jcstress.log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(reportDir.toFile()).redirectErrorStream(true);
        long start = System.nanoTime();
        Process process = builder.start();
        List<String> lines = new ArrayList<>();
        Map<String, Duration> firstFailure = new ConcurrentHashMap<>();
        Thread reader = new Thread(() -> read(process, lines, firstFailure, start, label, progress, log),
                "jcstress-output-" + label);
        reader.setDaemon(true);
        reader.start();
        boolean finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (!finished) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor();
        }
        reader.join(TimeUnit.SECONDS.toMillis(30));
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        synchronized (lines) {
            return new Result(List.copyOf(lines), Map.copyOf(firstFailure), elapsed, !finished,
                    finished ? process.exitValue() : -1, log);
        }
    }

    private static void read(Process process, List<String> lines, Map<String, Duration> firstFailure, long start,
                             String label, PrintStream progress, Path log) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8));
             PrintWriter out = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8))) {
            boolean inResults = false;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                out.println(line);
                synchronized (lines) {
                    lines.add(line);
                }
                inResults |= line.trim().equals("RUN RESULTS:");
                if (inResults) {
                    continue;
                }
                String failed = JcstressOutput.failedTest(line);
                if (failed != null && !firstFailure.containsKey(failed)) {
                    Duration at = Duration.ofNanos(System.nanoTime() - start);
                    firstFailure.put(failed, at);
                    progress.printf("  %s: %s FAILED after %ds%n", label, failed.substring(failed.lastIndexOf('.') + 1),
                            at.toSeconds());
                } else if (line.startsWith("(Results:")) {
                    progress.printf("  %s: %s%n", label, line.substring(1, line.length() - 1));
                }
            }
        } catch (IOException e) {
            progress.printf("  %s: lost the jcstress output: %s%n", label, e);
        }
    }
}
