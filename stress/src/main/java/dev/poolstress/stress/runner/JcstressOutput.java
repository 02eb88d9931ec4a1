package dev.poolstress.stress.runner;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the "RUN RESULTS" section jcstress 0.16 prints at the end of a run (with {@code -v}, every test is listed
 * there with its table): a line {@code ...... [STATUS] test.Class}, then rows of
 * {@code RESULT SAMPLES FREQ EXPECT DESCRIPTION}. Lines before the section are progress and are ignored.
 */
public final class JcstressOutput {
    private static final Pattern HEADER = Pattern.compile("^\\.{3,} \\[([A-Z_ -]+)\\] (\\S+)\\s*$");
    private static final Pattern ROW = Pattern.compile(
            "^\\s+(.+?)\\s+([\\d,]+)\\s+([<>]?[\\d.]+%)\\s+(Acceptable|Forbidden|Interesting|Unknown)\\s*(.*)$");
    private static final String SECTION = "RUN RESULTS:";

    private JcstressOutput() {
    }

    /** The tests reported in {@code lines}, by class name; empty if the run never reached its results. */
    public static Map<String, TestReport> parse(List<String> lines) {
        Map<String, TestReport> reports = new LinkedHashMap<>();
        int start = lines.indexOf(SECTION);
        if (start < 0) {
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).trim().equals(SECTION)) {
                    start = i;
                }
            }
        }
        if (start < 0) {
            return reports;
        }
        String test = null;
        String status = null;
        List<Outcome> rows = new ArrayList<>();
        for (String line : lines.subList(start + 1, lines.size())) {
            Matcher header = HEADER.matcher(line);
            if (header.matches()) {
                if (test != null) {
                    reports.put(test, new TestReport(test, status, List.copyOf(rows)));
                }
                status = header.group(1).trim();
                test = header.group(2);
                rows.clear();
                continue;
            }
            Matcher row = ROW.matcher(line);
            if (test != null && row.matches()) {
                rows.add(new Outcome(row.group(1).trim(), Long.parseLong(row.group(2).replace(",", "")),
                        row.group(4), row.group(5).trim()));
            }
        }
        if (test != null) {
            reports.put(test, new TestReport(test, status, List.copyOf(rows)));
        }
        return reports;
    }

    /** The test a progress line reports a fork's result for, whatever the result, or null. */
    public static String reportedTest(String line) {
        Matcher header = HEADER.matcher(line);
        return header.matches() ? header.group(2) : null;
    }

    /** The test a progress line reports as failed ({@code [FAILED]}, {@code [ERROR]} ...), or null. */
    public static String failedTest(String line) {
        Matcher header = HEADER.matcher(line);
        if (header.matches() && !header.group(1).trim().equals("OK")) {
            return header.group(2);
        }
        return null;
    }
}
