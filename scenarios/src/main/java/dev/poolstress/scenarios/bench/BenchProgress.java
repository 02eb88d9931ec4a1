package dev.poolstress.scenarios.bench;

import dev.poolstress.stress.progress.Progress;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatFactory;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.BenchmarkListEntry;
import org.openjdk.jmh.runner.format.OutputFormat;
import org.openjdk.jmh.runner.options.Options;

/**
 * JMH's own console output with the shared {@link Progress} line ("[bench 3/42] ...: elapsed, ETA") as each
 * benchmark starts, and the benchmarks finished so far kept, so a signalled run can still write them.
 *
 * <p>The progress line is always a plain line, never redrawn in place: JMH prints its iterations to the same
 * console, and a status line redrawn under them would garble both. The count is JMH's benchmark list times the
 * parameter combinations; the expected time is forks times warm-up and measurement time, plus a second per fork for
 * the JVM to start, so the ETA is an estimate.
 */
public final class BenchProgress implements OutputFormat {
    private final OutputFormat jmh;
    private final Progress progress;
    private final int total;
    private final List<RunResult> finished = new ArrayList<>();
    private int started;

    public BenchProgress(OutputFormat jmh, Options options, PrintStream out) {
        this.jmh = jmh;
        this.total = count(options, jmh);
        this.progress = new Progress("bench", Math.max(1, total), expected(options, total), out, false);
    }

    /** How many benchmarks the run has. */
    public int total() {
        return total;
    }

    /** Benchmarks JMH will run: each listed method once per mode and combination of its parameters. */
    private static int count(Options options, OutputFormat out) {
        int n = 0;
        for (BenchmarkListEntry entry : BenchmarkList.defaultList().find(out, options.getIncludes(),
                options.getExcludes())) {
            long combinations = options.getBenchModes().isEmpty()
                    ? entry.getMode() == Mode.All ? Mode.values().length - 1 : 1 : options.getBenchModes().size();
            if (entry.getParams().hasValue()) {
                for (Map.Entry<String, String[]> param : entry.getParams().get().entrySet()) {
                    combinations *= options.getParameter(param.getKey()).hasValue()
                            ? options.getParameter(param.getKey()).get().size() : param.getValue().length;
                }
            }
            n += (int) combinations;
        }
        return n;
    }

    private static Duration expected(Options options, int benchmarks) {
        long warmupMillis = options.getWarmupTime().get().convertTo(TimeUnit.MILLISECONDS);
        long measureMillis = options.getMeasurementTime().get().convertTo(TimeUnit.MILLISECONDS);
        long perFork = options.getWarmupIterations().orElse(0) * warmupMillis
                + options.getMeasurementIterations().orElse(1) * measureMillis + 1000; // and a second to start
        return Duration.ofMillis(perFork * options.getForkCount().orElse(1) * benchmarks);
    }

    @Override
    public synchronized void startBenchmark(BenchmarkParams params) {
        progress.begin(Math.min(++started, Math.max(1, total)), params.id());
        jmh.startBenchmark(params);
    }

    @Override
    public void endBenchmark(BenchmarkResult result) {
        synchronized (this) {
            finished.add(new RunResult(result.getParams(), List.of(result)));
        }
        jmh.endBenchmark(result);
    }

    /**
     * Writes the benchmarks that finished to {@code file} as {@code {"incomplete": true, "finished": k, "of": n,
     * "benchmarks": [JMH's JSON result]}}, so it can never be taken for a whole run.
     */
    public synchronized void writeUnfinished(Path file) {
        ByteArrayOutputStream array = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(array, true, StandardCharsets.UTF_8)) {
            ResultFormatFactory.getInstance(ResultFormatType.JSON, out).writeOut(finished);
        }
        try {
            Files.createDirectories(file.toAbsolutePath().getParent()); // the option was checked before the run
            Files.writeString(file, "{\"incomplete\": true, \"finished\": " + finished.size() + ", \"of\": " + total
                    + ", \"benchmarks\": " + array.toString(StandardCharsets.UTF_8) + "}\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the finished benchmarks to " + file, e);
        }
    }

    @Override
    public void iteration(BenchmarkParams benchParams, IterationParams params, int iteration) {
        jmh.iteration(benchParams, params, iteration);
    }

    @Override
    public void iterationResult(BenchmarkParams benchParams, IterationParams params, int iteration,
                                IterationResult data) {
        jmh.iterationResult(benchParams, params, iteration, data);
    }

    @Override
    public void startRun() {
        jmh.startRun();
    }

    @Override
    public void endRun(Collection<RunResult> result) {
        progress.close();
        jmh.endRun(result);
    }

    @Override
    public void print(String s) {
        jmh.print(s);
    }

    @Override
    public void println(String s) {
        jmh.println(s);
    }

    @Override
    public void flush() {
        jmh.flush();
    }

    @Override
    public void close() {
        progress.close();
        jmh.close();
    }

    @Override
    public void verbosePrintln(String s) {
        jmh.verbosePrintln(s);
    }

    @Override
    public void write(int b) {
        jmh.write(b);
    }

    @Override
    public void write(byte[] b) throws IOException {
        jmh.write(b);
    }
}
