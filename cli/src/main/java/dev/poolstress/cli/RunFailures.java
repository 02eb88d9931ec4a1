package dev.poolstress.cli;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns an exception escaping a command into one error line and exit code 1: a run that failed, as opposed to
 * arguments that were wrong. The stack trace is printed only with {@code -Dpoolstress.trace=true}. Silent while a
 * signal ends the command line ({@link Interruption}), which says what happened in its own line.
 */
final class RunFailures implements IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception ex, CommandLine line, ParseResult parsed) {
        if (Interruption.interrupted()) {
            return CommandLine.ExitCode.SOFTWARE; // a signal ended the run's forks; the signal's hook says so
        }
        String message = ex.getMessage() != null ? ex.getMessage() : ex.toString();
        line.getErr().println(line.getCommandSpec().qualifiedName() + ": failed: " + message);
        if (Boolean.getBoolean("poolstress.trace")) {
            ex.printStackTrace(line.getErr());
        }
        line.getErr().flush();
        return CommandLine.ExitCode.SOFTWARE;
    }
}
