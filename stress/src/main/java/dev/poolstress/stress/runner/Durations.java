package dev.poolstress.stress.runner;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Measured test durations, for packing shards: one line per test and subject, {@code SUBJECT TAB TEST-CLASS TAB
 * SECONDS}, as every race writes them to {@code durations.tsv} in its report directory. A test with no recorded
 * duration counts as the median of the recorded ones (or {@value #UNKNOWN_SECONDS} s with none recorded).
 */
public record Durations(Map<String, Double> seconds) {
    public static final Durations NONE = new Durations(Map.of());
    static final double UNKNOWN_SECONDS = 5;

    public Durations {
        seconds = Map.copyOf(seconds);
    }

    /**
     * Reads a durations file.
     *
     * @throws IllegalArgumentException naming the file and line of anything malformed, or a missing file, worded to
     *                                  follow the option that gave the file
     */
    public static Durations load(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("file " + file + " does not exist", e);
        } catch (IOException e) {
            throw new IllegalArgumentException("file " + file + " cannot be read: " + e.getMessage(), e);
        }
        Map<String, Double> seconds = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] fields = line.split("\t", -1);
            double value;
            try {
                value = fields.length == 3 ? Double.parseDouble(fields[2]) : -1;
            } catch (NumberFormatException e) {
                value = -1;
            }
            if (value < 0 || fields[0].isEmpty() || fields[1].isEmpty()) {
                throw new IllegalArgumentException("file " + file + " line " + (i + 1)
                        + " must be SUBJECT<TAB>TEST<TAB>SECONDS, was '" + line + "'");
            }
            seconds.put(key(fields[0], fields[1]), value);
        }
        return new Durations(seconds);
    }

    /** Writes the duration jcstress took for each verdict's test, in the format {@link #load} reads. */
    public static void write(Path file, List<Verdict> verdicts, Map<String, Duration> bySubjectAndTest)
            throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("# subject\ttest\tseconds: measured by poolstress race, read by --durations to pack shards");
        for (Verdict v : verdicts) {
            Duration d = bySubjectAndTest.get(key(v.subject(), v.test().className()));
            if (d != null) {
                lines.add(String.format(Locale.ROOT, "%s\t%s\t%.1f", v.subject(), v.test().className(),
                        d.toMillis() / 1000.0));
            }
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, lines, StandardCharsets.UTF_8);
    }

    static String key(String subject, String testClass) {
        return subject + "\t" + testClass;
    }

    /** The recorded seconds of a test on a subject, or the estimate for one never recorded. */
    public double of(String subject, String testClass) {
        Double recorded = seconds.get(key(subject, testClass));
        if (recorded != null) {
            return recorded;
        }
        double[] all = seconds.values().stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return all.length == 0 ? UNKNOWN_SECONDS : all[all.length / 2];
    }
}
