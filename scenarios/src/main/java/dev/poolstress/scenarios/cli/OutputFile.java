package dev.poolstress.scenarios.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * A file option a command writes after a long run ({@code --json}, {@code --html}): checked and its directory made
 * before the run starts, so a typo costs a one-line error instead of the run's results.
 */
public final class OutputFile {
    private OutputFile() {
    }

    /**
     * Creates {@code file}'s missing parent directories; a {@code null} file is left alone.
     *
     * @throws ParameterException naming the option when the file is a directory or its directory cannot be made
     */
    public static void prepare(CommandLine command, String option, Path file) {
        if (file == null) {
            return;
        }
        if (Files.isDirectory(file)) {
            throw new ParameterException(command, option + " '" + file + "' is a directory; give a file name");
        }
        Path parent = file.toAbsolutePath().getParent();
        try {
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw new ParameterException(command, option + " '" + file + "': cannot create its directory " + parent
                    + " (" + e.getClass().getSimpleName() + ")", e);
        }
        if (!Files.isWritable(parent)) {
            throw new ParameterException(command, option + " '" + file + "': directory " + parent
                    + " is not writable");
        }
    }
}
