package dev.poolstress.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * An output option ({@code --json}, {@code --html}, {@code --junit}, {@code --report-dir}) checked before the run it
 * reports on, so that a typo costs a one-line error instead of the run's results. The check creates nothing: the
 * path must not be of the wrong kind (a directory given for a file, a file for a directory), and its nearest existing
 * ancestor must be a directory this process can write in, so the missing directories can be made when the output is
 * written ({@link #createParent}, called just before writing). A rejected command therefore leaves no file or
 * directory behind.
 */
public final class OutputOptions {
    private OutputOptions() {
    }

    /**
     * Checks that {@code file} can be written later; a {@code null} file (option not given) passes.
     *
     * @throws IllegalArgumentException naming {@code option} and what is wrong
     */
    public static void checkFile(String option, Path file) {
        if (file == null) {
            return;
        }
        if (Files.isDirectory(file)) {
            throw new IllegalArgumentException(option + " '" + file + "' is a directory; give a file name");
        }
        if (Files.exists(file) && !Files.isWritable(file)) {
            throw new IllegalArgumentException(option + " '" + file + "' exists and is not writable");
        }
        checkAncestor(option, file, file.toAbsolutePath().getParent());
    }

    /** As {@link #checkFile(String, Path)}, for a picocli command: a {@link ParameterException} (exit 2, usage). */
    public static void checkFile(CommandLine command, String option, Path file) {
        try {
            checkFile(option, file);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(command, e.getMessage(), e);
        }
    }

    /**
     * Checks that {@code dir} is a writable directory or can be made as one.
     *
     * @throws IllegalArgumentException naming {@code option} and what is wrong
     */
    public static void checkDirectory(String option, Path dir) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new IllegalArgumentException(option + " '" + dir + "' is a file; give a directory");
        }
        checkAncestor(option, dir, dir.toAbsolutePath());
    }

    /** Makes {@code file}'s missing parent directories, just before it is written. */
    public static void createParent(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
    }

    private static void checkAncestor(String option, Path given, Path from) {
        Path existing = from;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            throw new IllegalArgumentException(option + " '" + given + "': no part of " + from + " exists");
        }
        if (!Files.isDirectory(existing)) {
            throw new IllegalArgumentException(option + " '" + given + "': " + existing + " is a file, so no "
                    + "directory can be made under it");
        }
        if (!Files.isWritable(existing)) {
            throw new IllegalArgumentException(option + " '" + given + "': directory " + existing
                    + " is not writable");
        }
    }
}
