package dev.poolstress.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** The usage error of a command that only groups subcommands and was given none: it names the ones that exist. */
public final class MissingSubcommand {
    private MissingSubcommand() {
    }

    public static ParameterException of(CommandSpec spec) {
        return new ParameterException(spec.commandLine(), "missing command: expected one of "
                + String.join(", ", spec.subcommands().keySet()));
    }
}
