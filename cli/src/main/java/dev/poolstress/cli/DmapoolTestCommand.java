package dev.poolstress.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.poolstress.engine.freelist.Algorithm;
import dev.poolstress.engine.pool.LockStrategies;
import dev.poolstress.engine.pool.StrategyChoice;
import dev.poolstress.scenarios.bench.DmapoolTest;
import dev.poolstress.scenarios.bench.DmapoolTestResult;
import dev.poolstress.stress.progress.Progress;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code poolstress bench dmapool-test}: the seed's table, legacy against stack, beside the seed's own ratios. */
@Command(name = "dmapool-test", mixinStandardHelpOptions = true,
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the table was measured",
            "1:a run broke off",
            "2:bad arguments, found before anything ran",
        },
        description = {
            "The kernel's mm/dmapool_test.c for both free-block algorithms: six pools, "
                    + "clamp((4096/size)*512, 1024, 8192) blocks, rounds of allocate-all then free-all.",
            "Prints the kernel's line per pool for each algorithm, then legacy/stack beside the seed's before/after, "
                    + "under the lock and for the algorithm alone (the same pools with no locking at all).",
        },
        sortOptions = false)
public final class DmapoolTestCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--lock", paramLabel = "ID|CLASS", converter = LockStrategyConverter.class,
            defaultValue = LockStrategies.DEFAULT,
            description = "Lock strategy of every pool: a built-in id or a class name (default: ${DEFAULT-VALUE}).")
    private StrategyChoice lock;

    @Option(names = "--rounds", paramLabel = "N",
            description = "Timed rounds of allocate-all then free-all per pool (default: ${DEFAULT-VALUE}, as the kernel).")
    private int rounds = 100;

    @Option(names = "--warmup", paramLabel = "N",
            description = "Untimed rounds per pool and algorithm before timing, for the JIT (default: ${DEFAULT-VALUE}).")
    private int warmup = 20;

    @Option(names = "--repeat", paramLabel = "N",
            description = "Timed runs per pool and algorithm; the median is reported (default: ${DEFAULT-VALUE}).")
    private int repeat = 1;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the figures to FILE as a JSON array.")
    private Path json;


    @Override
    public Integer call() throws IOException {
        OptionBounds.requireAtLeast(spec.commandLine(), "--rounds", rounds, 1);
        OptionBounds.requireAtLeast(spec.commandLine(), "--warmup", warmup, 0);
        OptionBounds.requireAtLeast(spec.commandLine(), "--repeat", repeat, 1);
        OutputOptions.checkFile(spec.commandLine(), "--json", json);
        PrintWriter out = spec.commandLine().getOut();
        out.printf("dmapool-test: lock %s, %d rounds, %d warm-up rounds, median of %d run%s%n", lock, rounds,
                warmup, repeat, repeat == 1 ? "" : "s");
        out.flush();
        DmapoolTest test = new DmapoolTest(lock, rounds, warmup, repeat);
        List<DmapoolTestResult> results;
        try (Progress progress = new Progress("dmapool-test", test.steps(), null, System.err,
                Progress.isTerminal())) {
            results = test.run(progress);
        }
        for (Algorithm algorithm : DmapoolTest.ALGORITHMS) {
            out.println();
            out.println(algorithm + ":");
            for (DmapoolTestResult result : results) {
                long time = algorithm == Algorithm.LEGACY ? result.legacyUs() : result.stackUs();
                out.printf("dmapool test: size:%-4d align:%-4d blocks:%-4d time:%d%n", result.size(), result.align(),
                        result.blocks(), time);
            }
        }
        out.println();
        printTable(out, results);
        if (json != null) {
            OutputOptions.createParent(json);
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(json.toFile(), results);
            out.println("wrote " + json);
        }
        out.flush();
        return 0;
    }

    private static void printTable(PrintWriter out, List<DmapoolTestResult> results) {
        String row = "%5s %6s %9s %7s %11s %10s %13s %11s %10s %13s %13s%n";
        out.printf(row, "", "", "", "", "locked:", "", "", "alone:", "", "", "");
        out.printf(row, "size", "align", "boundary", "blocks", "legacy us", "stack us", "legacy/stack",
                "legacy us", "stack us", "legacy/stack", "seed bef/aft");
        for (DmapoolTestResult r : results) {
            out.printf(row, r.size(), r.align(), r.boundary(), r.blocks(), r.legacyUs(), r.stackUs(),
                    ratio(r.ratio()), r.legacyAloneUs(), r.stackAloneUs(), ratio(r.aloneRatio()),
                    ratio(r.seedRatio()));
        }
    }

    private static String ratio(Double ratio) {
        return ratio == null ? "-" : String.format(Locale.ROOT, "%.1f", ratio);
    }
}
