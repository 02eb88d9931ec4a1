package dev.poolstress.stress.runner;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The verdict table: one row per strategy (and algorithm), one column per property, the worst verdict in each cell. */
public final class VerdictTable {
    private VerdictTable() {
    }

    public static String render(List<Verdict> verdicts) {
        Map<String, Map<String, Verdict.Status>> rows = new LinkedHashMap<>();
        for (Verdict v : verdicts) {
            rows.computeIfAbsent(v.subject(), s -> new LinkedHashMap<>())
                    .merge(v.test().property(), v.status(), VerdictTable::worse);
        }
        List<String> columns = new ArrayList<>();
        columns.add("strategy");
        columns.addAll(Suite.PROPERTIES);
        int[] widths = new int[columns.size()];
        for (int c = 0; c < columns.size(); c++) {
            widths[c] = Math.max(columns.get(c).length(), c == 0 ? 8 : "FORBIDDEN seen".length());
        }
        for (String subject : rows.keySet()) {
            widths[0] = Math.max(widths[0], subject.length());
        }
        StringBuilder out = new StringBuilder();
        appendRow(out, widths, columns);
        for (Map.Entry<String, Map<String, Verdict.Status>> row : rows.entrySet()) {
            List<String> cells = new ArrayList<>();
            cells.add(row.getKey());
            for (String property : Suite.PROPERTIES) {
                Verdict.Status status = row.getValue().get(property);
                cells.add(status == null ? "-" : status.label());
            }
            appendRow(out, widths, cells);
        }
        return out.toString();
    }

    /** The verdict a cell shows when a property has several tests: a forbidden outcome outranks any other failure. */
    static Verdict.Status worse(Verdict.Status a, Verdict.Status b) {
        return severity(a) >= severity(b) ? a : b;
    }

    private static int severity(Verdict.Status status) {
        return switch (status) {
            case OK -> 0;
            case NOT_RUN -> 1;
            case TIMEOUT -> 2;
            case ERROR -> 3;
            case STALLED, MISSED -> 4;
            case FORBIDDEN -> 5;
        };
    }

    private static void appendRow(StringBuilder out, int[] widths, List<String> cells) {
        for (int c = 0; c + 1 < cells.size(); c++) {
            out.append(String.format("%-" + widths[c] + "s  ", cells.get(c)));
        }
        out.append(cells.get(cells.size() - 1)).append('\n');
    }
}
