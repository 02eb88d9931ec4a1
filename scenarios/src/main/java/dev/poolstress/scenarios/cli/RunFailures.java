package dev.poolstress.scenarios.cli;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns an exception escaping a command into one error line and exit code 1: a run that failed, as opposed to
 * arguments that were wrong. The stack trace is printed only with {@code -Dpoolstress.trace=true}.
 */
final class RunFailures implements IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception ex, CommandLine line, ParseResult parsed) {
        String message = ex.getMessage() != null ? ex.getMessage() : ex.toString();
        line.getErr().println(line.getCommandSpec().qualifiedName() + ": failed: " + message);
        if (Boolean.getBoolean("poolstress.trace")) {
            ex.printStackTrace(line.getErr());
        }
        line.getErr().flush();
        return CommandLine.ExitCode.SOFTWARE;
    }
}
