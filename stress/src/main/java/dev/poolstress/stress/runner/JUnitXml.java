package dev.poolstress.stress.runner;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * JUnit XML as CI systems read it: one {@code testsuite}, one {@code testcase} per test and strategy (classname
 * {@code race.<strategy>}, name the test's simple name); a forbidden outcome, a stall or a missed catalog entry is a
 * {@code failure} carrying the outcome and its count, the last progress seen or what each test saw, anything else
 * that is not OK an {@code error}. The suite's
 * {@code shard} property ({@code I/N}) lets {@code ci/merge-junit.sh} check that every shard came back exactly once.
 */
public final class JUnitXml {
    private JUnitXml() {
    }

    /**
     * Writes the XML, making the file's missing directories.
     *
     * @param incomplete null for a finished run; otherwise why it is not (an interrupted run): then an
     *                   {@code incomplete} property and an error test case say so, so that no CI reads it as a pass
     */
    public static void write(Path file, String suiteName, Shard shard, List<Verdict> verdicts, String incomplete)
            throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent()); // the option was checked before the run
        Files.writeString(file, render(suiteName, shard, verdicts, incomplete), StandardCharsets.UTF_8);
    }

    public static String render(String suiteName, Shard shard, List<Verdict> verdicts) {
        return render(suiteName, shard, verdicts, null);
    }

    static String render(String suiteName, Shard shard, List<Verdict> finished, String incomplete) {
        List<Verdict> verdicts = new ArrayList<>(finished);
        if (incomplete != null) {
            verdicts.add(new Verdict("interrupted", new Suite.Test("race.interrupted", "race"), Verdict.Status.ERROR,
                    List.of(), incomplete, Duration.ZERO));
        }
        long failures = verdicts.stream().filter(Verdict::failed).count();
        long errors = verdicts.stream().filter(v -> !v.passed() && !v.failed()).count();
        double total = verdicts.stream().mapToDouble(v -> seconds(v)).sum();
        StringBuilder out = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        out.append(String.format(Locale.ROOT, "<testsuite name=\"%s\" tests=\"%d\" failures=\"%d\" errors=\"%d\" "
                + "skipped=\"0\" time=\"%.3f\">%n", escape(suiteName), verdicts.size(), failures, errors, total));
        out.append("  <properties>\n    <property name=\"shard\" value=\"").append(shard).append("\"/>\n");
        if (incomplete != null) {
            out.append("    <property name=\"incomplete\" value=\"").append(escape(incomplete)).append("\"/>\n");
        }
        out.append("  </properties>\n");
        for (Verdict v : verdicts) {
            out.append(String.format(Locale.ROOT, "  <testcase classname=\"race.%s\" name=\"%s\" time=\"%.3f\"",
                    escape(v.subject()), escape(v.test().simpleName()), seconds(v)));
            if (v.passed()) {
                out.append("/>\n");
                continue;
            }
            out.append(">\n");
            String element = v.failed() ? "failure" : "error";
            out.append(String.format("    <%s type=\"%s\" message=\"%s\">%s</%s>%n", element, v.status().name(),
                    escape(v.summary()), escape(v.test().className() + " with " + v.subject() + ": "
                            + v.summary()), element));
            out.append("  </testcase>\n");
        }
        out.append("</testsuite>\n");
        return out.toString();
    }

    private static double seconds(Verdict v) {
        return v.elapsed().toMillis() / 1000.0;
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> {
                    if (c < 0x20 && c != '\n' && c != '\t' && c != '\r') {
                        out.append('?'); // not allowed in XML 1.0
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
