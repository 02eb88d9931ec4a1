package dev.poolstress.scenarios.bench;

import dev.poolstress.engine.percpu.PerCpuMagazines;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;

/**
 * The sizing grid of {@code bench micro --include PerCpuSizing}: one row per per-CPU magazine size (CAPACITY/BATCH),
 * one column per topology, each cell the ns per alloc+free pair and its ratio to the engine's default size, and the
 * most bytes any topology allocated per pair at that size.
 */
public final class MagazineTable {
    /** The {@code @Param} that marks a sizing benchmark. */
    public static final String PARAM = "magazine";
    private static final String DEFAULT = PerCpuMagazines.DEFAULT_CAPACITY + "/" + PerCpuMagazines.DEFAULT_BATCH;
    private static final Map<String, String> TOPOLOGIES = Map.of(
            "onePair", "local, 1 held",
            "burstOf32", "local, 32 held",
            "burstOf128", "local, 128 held",
            "remote", "remote irq free");
    private static final List<String> TOPOLOGY_ORDER = List.of("local, 1 held", "local, 32 held",
            "local, 128 held", "remote irq free");
    private static final String GC_BYTES = "gc.alloc.rate.norm";

    private record Cell(double score, double error, double gcBytes) {
    }

    /** Magazine, then topology (in the order first seen), then its cell. */
    private final Map<String, Map<String, Cell>> grid = new TreeMap<>(MagazineTable::bySize);
    private final List<String> topologies = new ArrayList<>();

    public MagazineTable(Collection<RunResult> results) {
        for (RunResult result : results) {
            String magazine = result.getParams().getParam(PARAM);
            if (magazine == null) {
                continue;
            }
            String name = result.getParams().getBenchmark();
            String method = name.substring(name.lastIndexOf('.') + 1);
            String topology = TOPOLOGIES.getOrDefault(method, method);
            if (!topologies.contains(topology)) {
                topologies.add(topology);
            }
            Result<?> primary = result.getPrimaryResult();
            Result<?> gc = result.getSecondaryResults().get(GC_BYTES);
            grid.computeIfAbsent(magazine, key -> new LinkedHashMap<>()).put(topology, new Cell(primary.getScore(),
                    primary.getScoreError(), gc == null ? Double.NaN : gc.getScore()));
        }
        topologies.sort(Comparator.comparingInt(topology -> {
            int known = TOPOLOGY_ORDER.indexOf(topology);
            return known >= 0 ? known : TOPOLOGY_ORDER.size();
        }));
    }

    public boolean isEmpty() {
        return grid.isEmpty();
    }

    public void print(PrintWriter out) {
        out.println("per-CPU magazine sizes (percpu): ns per alloc+free pair per thread, and (in brackets) the ratio"
                + " to");
        out.println("the default size " + DEFAULT + "; local = 2 threads on their own CPUs, remote = alloc on CPU 0,");
        out.println("free in irq context on CPU 1.");
        StringBuilder format = new StringBuilder("%-10s");
        List<Object> header = new ArrayList<>(List.of("cap/batch"));
        for (String topology : topologies) {
            format.append(" %26s");
            header.add(topology);
        }
        format.append(" %10s%n");
        header.add("gc B/pair");
        out.printf(format.toString(), header.toArray());
        for (Map.Entry<String, Map<String, Cell>> row : grid.entrySet()) {
            List<Object> line = new ArrayList<>(List.of(row.getKey()));
            double gcBytes = Double.NaN;
            for (String topology : topologies) {
                Cell cell = row.getValue().get(topology);
                Cell base = grid.getOrDefault(DEFAULT, Map.of()).get(topology);
                line.add(cell == null ? "-" : cell(cell, base));
                if (cell != null && Double.isFinite(cell.gcBytes())) {
                    gcBytes = Double.isNaN(gcBytes) ? cell.gcBytes() : Math.max(gcBytes, cell.gcBytes());
                }
            }
            line.add(Double.isFinite(gcBytes) ? String.format(Locale.ROOT, "%.2f", gcBytes) : "-");
            out.printf(format.toString(), line.toArray());
        }
    }

    private static String cell(Cell cell, Cell base) {
        String score = Double.isFinite(cell.error())
                ? String.format(Locale.ROOT, "%.1f ± %.1f", cell.score(), cell.error())
                : String.format(Locale.ROOT, "%.1f", cell.score());
        String ratio = base == null ? "-" : String.format(Locale.ROOT, "%.2f", cell.score() / base.score());
        return score + " (" + ratio + ")";
    }

    /** CAPACITY/BATCH by capacity, then batch; anything else after them, by name. */
    private static int bySize(String a, String b) {
        long[] x = size(a);
        long[] y = size(b);
        int order = Comparator.<long[]>comparingLong(s -> s[0]).thenComparingLong(s -> s[1]).compare(x, y);
        return order != 0 ? order : a.compareTo(b);
    }

    private static long[] size(String magazine) {
        String[] parts = magazine.split("/", 2);
        try {
            return new long[] {Long.parseLong(parts[0].strip()), parts.length > 1 ? Long.parseLong(parts[1].strip())
                    : 0};
        } catch (NumberFormatException e) {
            return new long[] {Long.MAX_VALUE, Long.MAX_VALUE};
        }
    }
}
