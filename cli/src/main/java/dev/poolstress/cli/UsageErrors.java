package dev.poolstress.cli;

import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;

/**
 * Reports bad arguments in one line, naming the command, what was wrong and where to read what is accepted, and
 * exits 2 ({@link CommandLine.ExitCode#USAGE}) before anything runs.
 */
final class UsageErrors implements IParameterExceptionHandler {
    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine line = ex.getCommandLine();
        String command = line.getCommandSpec().qualifiedName();
        String message = ex.getMessage().replace(System.lineSeparator(), " ").replace('\n', ' ').strip();
        line.getErr().println(command + ": " + message + " (see '" + command + " --help')");
        line.getErr().flush();
        return line.getCommandSpec().exitCodeOnInvalidInput();
    }
}
