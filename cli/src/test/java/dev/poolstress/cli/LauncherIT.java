package dev.poolstress.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./poolstress} launcher, run by bash after the module is packaged: a copy of the script in a scratch
 * tree, so that it finds the jar next to itself and never starts a Maven build of the real project.
 */
class LauncherIT {
    private static final Path SCRIPT = Path.of("..", "poolstress").toAbsolutePath().normalize();
    private static final Path JAR = Path.of("target", "poolstress.jar").toAbsolutePath();

    @TempDir
    Path root;

    private Path launcher;

    /** What the launcher printed and returned. */
    record Run(int code, String out, String err) {
    }

    @BeforeEach
    void copyLauncher() throws IOException {
        launcher = root.resolve("poolstress");
        Files.copy(SCRIPT, launcher);
        assertTrue(SCRIPT.toFile().canExecute(), SCRIPT + " must be executable");
    }

    private Run run(Path workingDirectory, Map<String, String> environment, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", launcher.toString()));
        command.addAll(List.of(args));
        Path out = root.resolve("out.txt");
        Path err = root.resolve("err.txt");
        ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the launcher did not finish within 60 s");
        return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void shouldListTheCommandsFromAnyDirectoryWithoutBuildingWhenTheJarIsThere() throws Exception {
        Files.createDirectories(root.resolve("cli/target"));
        Files.copy(JAR, root.resolve("cli/target/poolstress.jar"));
        Path elsewhere = Files.createDirectory(root.resolve("elsewhere"));

        Run run = run(elsewhere, Map.of(), "--help");

        assertEquals(0, run.code(), run.err());
        assertFalse(run.err().contains("building"), run.err());
        List<String> expected = List.copyOf(PoolstressCommand.commandLine(new PrintWriter(new StringWriter()),
                new PrintWriter(new StringWriter())).getSubcommands().keySet());
        assertEquals(expected, CommandLineTest.commandsSection(run.out()));
    }

    @Test
    void shouldShowTheMavenLogAndFailWhenTheBuildFails() throws Exception {
        Path bin = Files.createDirectory(root.resolve("bin"));
        Path mvn = bin.resolve("mvn");
        Files.writeString(mvn, "#!/usr/bin/env bash\necho '[ERROR] simulated compilation failure'\nexit 1\n");
        assertTrue(mvn.toFile().setExecutable(true));

        Run run = run(root, Map.of("PATH", bin + ":" + System.getenv("PATH")), "--help");

        assertNotEquals(0, run.code());
        assertTrue(run.err().contains("poolstress: building (first run only)..."), run.err());
        assertTrue(run.err().contains("build failed"), run.err());
        assertTrue(run.err().contains("[ERROR] simulated compilation failure"), run.err());
        assertEquals("", run.out());
    }
}
