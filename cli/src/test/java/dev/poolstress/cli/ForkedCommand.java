package dev.poolstress.cli;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The command line run from the built jar in a JVM of its own, its standard output and error in {@code out.txt} and
 * {@code err.txt} of a directory, for the tests that signal a real run: waiting for its forks, signalling it and
 * checking that it and its forks ended.
 */
final class ForkedCommand {
    private static final Path JAR = Path.of("target", "poolstress.jar").toAbsolutePath();

    final Process process;
    final Path out;
    final Path err;

    private ForkedCommand(Process process, Path dir) {
        this.process = process;
        this.out = dir.resolve("out.txt");
        this.err = dir.resolve("err.txt");
    }

    /** Starts {@code poolstress args...} with {@code dir} as its temporary directory and home of its output. */
    static ForkedCommand start(Path dir, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Djava.io.tmpdir=" + dir, "-cp", JAR.toString(), Main.class.getName()));
        command.addAll(List.of(args));
        return new ForkedCommand(new ProcessBuilder(command).redirectOutput(dir.resolve("out.txt").toFile())
                .redirectError(dir.resolve("err.txt").toFile()).start(), dir);
    }

    /** Its forked JVMs, once {@code log} holds {@code said} and a fork is running (a second run has begun). */
    List<ProcessHandle> awaitForks(Path log, String said, Duration atMost) {
        await().atMost(atMost).until(() -> !process.isAlive()
                || Files.readString(log, StandardCharsets.UTF_8).contains(said)
                && process.toHandle().descendants().findAny().isPresent());
        assertTrue(process.isAlive(), "the command ended before it said '" + said + "' with a fork running");
        return process.toHandle().descendants().toList();
    }

    /**
     * Sends {@code SIG<signal>} and checks that the command ends within 2 s with {@code expectedExit} and that each
     * of {@code forks} ends with it.
     */
    void signalAndAwaitTheEnd(List<ProcessHandle> forks, String signal, int expectedExit) throws Exception {
        new ProcessBuilder("kill", "-" + signal, String.valueOf(process.pid())).start().waitFor();

        assertTrue(process.waitFor(2, TimeUnit.SECONDS), "the command did not end within 2 s of SIG" + signal);
        assertEquals(expectedExit, process.exitValue());
        for (ProcessHandle fork : forks) {
            fork.onExit().get(2, TimeUnit.SECONDS);
            assertFalse(fork.isAlive(), "forked JVM " + fork.pid() + " outlived the command");
        }
    }

    String out() throws IOException {
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    String err() throws IOException {
        return Files.readString(err, StandardCharsets.UTF_8);
    }
}
