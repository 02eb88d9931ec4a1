package dev.poolstress.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real tune in a JVM whose direct memory (the device's pages) is too small for page-fail at run time, though not
 * so small that reading the scenario refuses it: the run must end with the limit named, never with blocks lost.
 */
class DirectMemoryLimitIT {
    private static final Path JAR = Path.of("target", "poolstress.jar").toAbsolutePath();

    @TempDir
    Path tmp;

    @Test
    void shouldNameTheDirectMemoryLimitAndNeverBlameTheStrategy() throws Exception {
        Path out = tmp.resolve("out.txt");
        Path err = tmp.resolve("err.txt");
        // 128 KiB: exactly what page-fail's 2 x 128 blocks of 512 B in flight need, so it is read; growth needs more
        Process tune = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:MaxDirectMemorySize=128k", "-cp", JAR.toString(), Main.class.getName(), "tune", "--scenario",
                "page-fail", "--strategies", "percpu", "--operations", "200000", "--runs", "1", "--warmups", "0")
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();

        assertTrue(tune.waitFor(120, TimeUnit.SECONDS), "tune did not end");
        String said = Files.readString(out, StandardCharsets.UTF_8) + Files.readString(err, StandardCharsets.UTF_8);
        assertEquals(1, tune.exitValue(), said);
        assertTrue(said.contains("ran out of the JVM's direct memory"), said);
        assertTrue(said.contains("limit: 131072") && said.contains("-XX:MaxDirectMemorySize"), said);
        assertFalse(said.contains("LOST") || said.contains("never came back"), said);
        assertFalse(said.contains("\tat "), "no stack trace: " + said);
    }
}
