package dev.poolstress.scenarios.tune;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.poolstress.scenarios.catalog.Catalog;
import dev.poolstress.scenarios.catalog.Scenario;
import dev.poolstress.scenarios.storm.Instrumentation;
import dev.poolstress.scenarios.storm.OutOfDeviceMemory;
import dev.poolstress.scenarios.storm.StormLimit;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One strategy's storms in a JVM of its own, as JMH forks a benchmark: a JVM that has compiled the storm loop
 * around one strategy compiles it differently around the next (call sites turn megamorphic, inlining stops), so
 * strategies measured one after another in one JVM are ranked partly by their turn. Measured here: percpu alone in
 * a JVM ran irq-remote at 11-15 M pairs/s, and after eight other strategies in the same JVM at about 5 M.
 *
 * <p>The parent starts {@link #main} on its own class path; the child prints its progress lines on stderr, which
 * the parent passes on, and its {@link StrategyResult} as JSON on stdout.
 */
public final class TuneFork {
    private static final ObjectMapper JSON = new ObjectMapper();

    private TuneFork() {
    }

    /** Runs the storms of {@code strategy} in a child JVM and returns what it measured. */
    static StrategyResult measure(ForkedScenario scenario, String strategy, StormLimit limit, int runs, int warmups,
                                  Instrumentation probes, Duration timeout, Consumer<String> progress) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(inheritedJvmOptions());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), TuneFork.class.getName(),
                scenario.nameOrFile(), scenario.waitStrategy() == null ? "-" : scenario.waitStrategy(), strategy,
                // microseconds: the finest unit a duration is given in, so the child runs exactly as long
                limit.timed() ? limit.duration().toNanos() / 1000 + "us" : String.valueOf(limit.operations()),
                String.valueOf(runs), String.valueOf(warmups), probes.name()));
        Path result = null;
        try {
            result = Files.createTempFile("poolstress-tune-", ".json");
            result.toFile().deleteOnExit(); // also when a signal ends this JVM before the finally below
            Process child = new ProcessBuilder(command).redirectOutput(result.toFile()).start();
            Thread relay = new Thread(() -> relay(child, progress), "tune-fork-stderr");
            relay.start();
            if (!child.waitFor(timeout.toMillis() * (runs + warmups) + 60_000, TimeUnit.MILLISECONDS)) {
                child.destroyForcibly().waitFor();
                throw new IllegalStateException("the forked JVM measuring " + strategy + " did not finish in time");
            }
            relay.join();
            if (child.exitValue() != 0) {
                throw new IllegalStateException("the forked JVM measuring " + strategy + " failed (exit "
                        + child.exitValue() + "); its error is above");
            }
            return JSON.readValue(result.toFile(), StrategyResult.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run a JVM for " + strategy, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while " + strategy + " was measured", e);
        } finally {
            if (result != null) {
                result.toFile().delete();
            }
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

    private static void relay(Process child, Consumer<String> progress) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.getErrorStream(),
                StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                progress.accept(line);
            }
        } catch (IOException e) {
            progress.accept("(lost the forked JVM's progress: " + e.getMessage() + ")");
        }
    }

    /**
     * Arguments: scenario, wait strategy or "-", strategy, limit ("500000us" or an operation count), runs, warm-ups,
     * probes.
     */
    public static void main(String[] args) throws IOException {
        Scenario scenario = new Catalog().resolve(args[0]);
        if (!args[1].equals("-")) {
            scenario = scenario.withWaitStrategy(args[1]);
        }
        StormLimit limit = args[3].endsWith("us") ? StormLimit.duration(DurationConverter.parse(args[3]))
                : StormLimit.operations(Long.parseLong(args[3]));
        StrategyResult result;
        try {
            result = new Tuner(System.err::println).warmups(Integer.parseInt(args[5]))
                    .instrumentation(Instrumentation.valueOf(args[6]))
                    .measure(scenario, args[2], limit, Integer.parseInt(args[4]));
        } catch (OutOfDeviceMemory e) {
            System.err.println(e.getMessage()); // one line for the parent to relay, not a stack trace
            System.exit(1);
            return;
        }
        System.out.write(JSON.writeValueAsBytes(result));
        System.out.flush();
    }
}
