package dev.poolstress.cli;

import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * The lower bounds of numeric options, checked once the arguments are parsed: a value below its bound is a usage
 * error (exit 2) worded the same by every command, naming the option, the bound and the value given.
 */
public final class OptionBounds {
    private OptionBounds() {
    }

    /** @throws ParameterException {@code OPTION must be at least LEAST, was VALUE} if {@code value < least} */
    public static void requireAtLeast(CommandLine command, String option, long value, long least) {
        if (value < least) {
            throw new ParameterException(command, option + " must be at least " + least + ", was " + value);
        }
    }
}
