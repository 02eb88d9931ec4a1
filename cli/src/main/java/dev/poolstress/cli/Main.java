package dev.poolstress.cli;

import java.io.PrintWriter;

/** The entry point of the runnable jar and of the {@code ./poolstress} launcher. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        Interruption.install(err);
        int code = PoolstressCommand.execute(PoolstressCommand.commandLine(out, err), args);
        Interruption.finished();
        out.flush();
        err.flush();
        System.exit(code);
    }
}
