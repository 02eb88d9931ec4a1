package dev.poolstress.scenarios.tune;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.poolstress.engine.pool.LockStrategies;
import dev.poolstress.scenarios.catalog.Scenario;
import dev.poolstress.scenarios.catalog.ScenarioRef;
import dev.poolstress.scenarios.storm.Instrumentation;
import dev.poolstress.scenarios.storm.OutOfDeviceMemory;
import dev.poolstress.scenarios.storm.StormLimit;
import dev.poolstress.scenarios.storm.StormResult;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * One strategy's storms in a JVM of its own, as JMH forks a benchmark: a JVM that has compiled the storm loop
 * around one strategy compiles it differently around the next (call sites turn megamorphic, inlining stops), so
 * strategies measured one after another in one JVM are ranked partly by their turn. Measured here: percpu alone in
 * a JVM ran irq-remote at 11-15 M pairs/s, and after eight other strategies in the same JVM at about 5 M.
 *
 * <p>The JVM lives for the whole session and runs a storm each time the parent writes a line naming the
 * {@link Instrumentation} on its standard input; it answers with the {@link StormResult} as one line of JSON on its
 * standard output, and ends when its input closes. Its standard error (a failure's message) is passed on. No file
 * is written, so a signal leaves nothing behind.
 */
final class TuneFork implements Bench {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String READY = "ready";

    private final String strategy;
    private final Process child;
    private final Writer commands;
    private final BufferedReader results;
    private final Duration timeout;
    private final Thread relay;

    private TuneFork(String strategy, Process child, Duration timeout, Consumer<String> errors) {
        this.strategy = strategy;
        this.child = child;
        this.timeout = timeout;
        this.commands = new java.io.OutputStreamWriter(child.getOutputStream(), StandardCharsets.UTF_8);
        this.results = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        this.relay = new Thread(() -> relay(child, errors), "tune-fork-stderr-" + strategy);
        relay.setDaemon(true);
        relay.start();
    }

    /**
     * Starts the JVM for {@code strategy}, which resolves {@code scenario} as the parent did; it is ready once
     * {@link #awaitReady()} returns.
     *
     * @param timeout how long one storm may take before the fork is given up
     */
    static TuneFork start(ScenarioRef scenario, String strategy, StormLimit limit, Duration timeout,
                          Consumer<String> errors) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(inheritedJvmOptions());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), TuneFork.class.getName()));
        command.addAll(scenario.arguments());
        command.addAll(List.of(strategy,
                // microseconds: the finest unit a duration is given in, so the child runs exactly as long
                limit.timed() ? limit.duration().toNanos() / 1000 + "us" : String.valueOf(limit.operations())));
        try {
            return new TuneFork(strategy, new ProcessBuilder(command).start(), timeout, errors);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a JVM for " + strategy, e);
        }
    }

    /** Waits until the JVM has loaded the scenario and waits for its first command. */
    void awaitReady() {
        String line = answer(Duration.ofSeconds(60));
        if (!READY.equals(line)) {
            throw new IllegalStateException("the forked JVM for " + strategy + " did not start: " + line);
        }
    }

    @Override
    public StormResult run(Instrumentation probes) {
        try {
            commands.write(probes.name() + "\n");
            commands.flush();
        } catch (IOException e) {
            throw new IllegalStateException("the forked JVM measuring " + strategy + " has ended (exit "
                    + exit() + "); its error is above", e);
        }
        String line = answer(timeout);
        try {
            return JSON.readValue(line, StormResult.class);
        } catch (IOException e) {
            throw new IllegalStateException("the forked JVM measuring " + strategy + " answered '" + line + "'", e);
        }
    }

    /** The child's next line on standard output, within {@code wait}; an ended or silent child is an error. */
    private String answer(Duration wait) {
        CompletableFuture<String> next = CompletableFuture.supplyAsync(() -> {
            try {
                return results.readLine();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        try {
            String line = next.get(wait.toMillis(), TimeUnit.MILLISECONDS);
            if (line == null) {
                throw new IllegalStateException("the forked JVM measuring " + strategy + " ended (exit " + exit()
                        + "); its error is above");
            }
            return line;
        } catch (TimeoutException e) {
            child.destroyForcibly();
            throw new IllegalStateException("the forked JVM measuring " + strategy + " did not answer in "
                    + wait.toSeconds() + " s", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("lost the forked JVM measuring " + strategy, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while " + strategy + " was measured", e);
        }
    }

    private String exit() {
        try {
            return child.waitFor(1, TimeUnit.SECONDS) ? String.valueOf(child.exitValue()) : "still running";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    @Override
    public void close() {
        try {
            commands.close(); // the child's input ends, and with it the child
            if (!child.waitFor(5, TimeUnit.SECONDS)) {
                child.destroyForcibly();
            }
            relay.join(1000);
        } catch (IOException e) {
            child.destroyForcibly();
        } catch (InterruptedException e) {
            child.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /**
     * This JVM's own options (heap, GC, system properties from {@code JAVA_OPTS}), as JMH hands its options to its
     * forks; a debugger agent stays behind, since two JVMs cannot listen on one port.
     */
    private static List<String> inheritedJvmOptions() {
        return ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(option -> !option.startsWith("-agentlib:jdwp") && !option.startsWith("-Xrunjdwp"))
                .toList();
    }

    private static void relay(Process child, Consumer<String> errors) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.getErrorStream(),
                StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                errors.accept(line);
            }
        } catch (IOException e) {
            errors.accept("(lost the forked JVM's error output: " + e.getMessage() + ")");
        }
    }

    /**
     * Arguments: the scenario's ref ({@link ScenarioRef#arguments()}: name or file, wait strategy or "-"), strategy,
     * limit ("500000us" or an operation count). Then one storm per line of input ({@code FULL} or {@code THROUGHPUT}), each answered by a line of JSON.
     */
    public static void main(String[] args) throws IOException {
        PrintStream answers = System.out;
        System.setOut(System.err); // nothing but answers on the channel the parent reads
        Scenario scenario = ScenarioRef.fromArguments(List.of(args).subList(0, 2)).resolve();
        StormLimit limit = args[3].endsWith("us") ? StormLimit.duration(DurationFormat.parse(args[3]))
                : StormLimit.operations(Long.parseLong(args[3]));
        Bench bench = Tuner.inThisJvm(scenario, LockStrategies.choose(args[2]), limit);
        answers.println(READY);
        answers.flush();
        BufferedReader input = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        try {
            for (String line = input.readLine(); line != null; line = input.readLine()) {
                answers.println(JSON.writeValueAsString(bench.run(Instrumentation.valueOf(line.strip()))));
                answers.flush();
            }
        } catch (OutOfDeviceMemory e) {
            System.err.println(e.getMessage()); // one line for the parent to relay, not a stack trace
            System.exit(1);
        }
    }
}
