package dev.poolstress.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code poolstress bench}: benchmarks, one subcommand each. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the benchmark ran",
            "1:it broke off",
            "2:bad arguments, found before anything ran",
        },
        description = "Benchmarks: the kernel's dmapool_test and the JMH micro-benchmarks.",
        synopsisSubcommandLabel = "BENCHMARK",
        subcommands = {
            DmapoolTestCommand.class,
            MicroCommand.class,
        })
public final class BenchCommand implements Runnable {
    @Spec
    private CommandSpec spec;


    @Override
    public void run() {
        throw MissingSubcommand.of(spec);
    }
}
