package dev.poolstress.stress.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading a durations file; the messages name the file and line, and no command-line option. */
class DurationsTest {
    @TempDir
    Path dir;

    @Test
    void shouldRejectAMissingFile() {
        Path file = dir.resolve("none.tsv");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Durations.load(file));
        assertEquals("file " + file + " does not exist", e.getMessage());
    }

    @Test
    void shouldRejectAMalformedLineNamingIt() throws Exception {
        Path file = Files.writeString(dir.resolve("bad.tsv"), "# subject\ttest\tseconds\nspin-mcs\tt.loss.Loses\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Durations.load(file));
        assertEquals("file " + file + " line 2 must be SUBJECT<TAB>TEST<TAB>SECONDS, was 'spin-mcs\tt.loss.Loses'",
                e.getMessage());
    }
}
