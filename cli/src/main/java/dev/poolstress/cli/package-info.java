/**
 * The {@code poolstress} command line, and the only code that knows about it: every command ({@code race},
 * {@code tune}, {@code recommend}, {@code bench}, {@code scenarios}), their option checks and converters, the signal
 * hook and the entry point. Each command turns its arguments into the libraries' typed values once, hands them down,
 * and prints what comes back; the libraries below never name an option.
 */
package dev.poolstress.cli;
