package dev.poolstress.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputOptionsTest {
    @TempDir
    Path tmp;

    @Test
    void shouldAcceptAFileUnderMissingDirectoriesWithoutCreatingThem() throws Exception {
        Path file = tmp.resolve("a/b/c/out.json");

        OutputOptions.checkFile("--json", file);

        assertEquals(List.of(), listing(), "the check created something");
        OutputOptions.createParent(file);
        assertTrue(Files.isDirectory(tmp.resolve("a/b/c")));
    }

    @Test
    void shouldRejectADirectoryGivenForAFileAndAFileGivenForADirectory() throws Exception {
        Path dir = Files.createDirectory(tmp.resolve("dir"));
        Path file = Files.writeString(tmp.resolve("file"), "x");

        IllegalArgumentException isDir = assertThrows(IllegalArgumentException.class,
                () -> OutputOptions.checkFile("--junit", dir));
        assertEquals("--junit '" + dir + "' is a directory; give a file name", isDir.getMessage());
        IllegalArgumentException isFile = assertThrows(IllegalArgumentException.class,
                () -> OutputOptions.checkDirectory("--report-dir", file));
        assertEquals("--report-dir '" + file + "' is a file; give a directory", isFile.getMessage());
        OutputOptions.checkDirectory("--report-dir", dir);
    }

    @Test
    void shouldRejectAPathUnderAFileAndLeaveNothingBehind() throws Exception {
        Path file = Files.writeString(tmp.resolve("passwd"), "root");

        IllegalArgumentException under = assertThrows(IllegalArgumentException.class,
                () -> OutputOptions.checkFile("--junit", file.resolve("x/race.xml")));
        assertTrue(under.getMessage().endsWith(file + " is a file, so no directory can be made under it"),
                under.getMessage());
        assertThrows(IllegalArgumentException.class, () -> OutputOptions.checkDirectory("--report-dir",
                file.resolve("reports")));
        assertEquals(List.of(file), listing());
        assertFalse(Files.isDirectory(file));
    }

    private List<Path> listing() throws Exception {
        try (Stream<Path> all = Files.walk(tmp)) {
            return all.filter(p -> !p.equals(tmp)).toList();
        }
    }
}
