/** The {@code poolstress} command line: the top command, its error handling and the entry point. */
package dev.poolstress.scenarios.cli;
