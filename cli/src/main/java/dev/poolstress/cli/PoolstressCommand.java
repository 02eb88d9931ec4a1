package dev.poolstress.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The top of the {@code poolstress} command line. Each job is a subcommand class listed below; adding one is one
 * entry in {@code subcommands}. Exit codes: 0 for success, 1 for a run that failed, 2 for bad arguments.
 */
@Command(name = "poolstress",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the command succeeded",
            "1:a run failed: a race found, a block lost or owned twice, a run that broke off",
            "2:bad arguments, found before anything ran",
        },
        mixinStandardHelpOptions = true,
        versionProvider = PoolstressVersion.class,
        description = "Stress-testing concurrent block pools: an emulated Linux dmapool with pluggable locking.",
        synopsisSubcommandLabel = "COMMAND",
        subcommands = {
            RecommendCommand.class,
            RaceCommand.class,
            TuneCommand.class,
            ScenariosCommand.class,
            BenchCommand.class,
        })
public final class PoolstressCommand implements Runnable {
    /** What {@code poolstress} runs when given no arguments. */
    static final String[] MAIN_JOB = {"recommend"};

    @Spec
    private CommandSpec spec;

    /** The command line with the project's error handling, writing to the given streams. */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine line = new CommandLine(new PoolstressCommand());
        String[] description = line.getCommandSpec().usageMessage().description();
        line.getCommandSpec().usageMessage().description(description[0],
                "With no arguments, runs the main job: poolstress " + String.join(" ", MAIN_JOB) + ".");
        giveVersionToSubcommands(line, new PoolstressVersion());
        line.setOut(out);
        line.setErr(err);
        line.setParameterExceptionHandler(new UsageErrors());
        line.setExecutionExceptionHandler(new RunFailures());
        return line;
    }

    /** Every command's {@code --version} prints the build's version: picocli does not pass it down. */
    private static void giveVersionToSubcommands(CommandLine line, PoolstressVersion version) {
        for (CommandLine sub : line.getSubcommands().values()) {
            sub.getCommandSpec().versionProvider(version);
            giveVersionToSubcommands(sub, version);
        }
    }

    /** Runs {@code args}, or the main job when there are none, and returns the exit code. */
    public static int execute(CommandLine line, String... args) {
        return line.execute(args.length == 0 ? MAIN_JOB : args);
    }

    @Override
    public void run() {
        throw MissingSubcommand.of(spec);
    }
}
