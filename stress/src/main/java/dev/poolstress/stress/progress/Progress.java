package dev.poolstress.stress.progress;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Where a run of {@code n} steps stands: "step k of n", the time elapsed and an estimate of the time left, for every
 * command that runs longer than a few seconds (race, tune, bench).
 *
 * <p>The estimate is the expected total minus the elapsed time when the caller knows the total (a tuning budget, the
 * recorded durations of the tests to race), otherwise the mean time of the finished steps times the steps left. On a
 * terminal the status line is redrawn in place every second by a daemon ticker; elsewhere (CI logs, pipes) it is
 * printed as a plain line when a step begins and when {@link #note} is called, so a log keeps one line per event.
 * Choose it for whole-run progress; a step's own output goes through {@link #note}.
 */
public final class Progress implements AutoCloseable {
    private final String label;
    private final int total;
    private final PrintStream out;
    private final boolean terminal;
    private final LongSupplier nanos;
    private final long started;
    private final long expectedNanos;
    private final Thread ticker;
    private int step;
    private int finished;
    private String item = "";

    /**
     * @param label    the command, e.g. {@code race}
     * @param total    the number of steps, at least 1
     * @param expected the whole run's expected duration, or null if unknown
     * @param terminal true to redraw one status line in place (use {@link #isTerminal()})
     */
    public Progress(String label, int total, Duration expected, PrintStream out, boolean terminal) {
        this(label, total, expected, out, terminal, System::nanoTime);
    }

    Progress(String label, int total, Duration expected, PrintStream out, boolean terminal, LongSupplier nanos) {
        if (total < 1) {
            throw new IllegalArgumentException("a run needs at least one step, was " + total);
        }
        this.label = label;
        this.total = total;
        this.out = out;
        this.terminal = terminal;
        this.nanos = nanos;
        this.started = nanos.getAsLong();
        this.expectedNanos = expected == null ? -1 : expected.toNanos();
        this.ticker = terminal ? new Thread(this::tick, label + "-progress") : null;
        if (ticker != null) {
            ticker.setDaemon(true);
            ticker.start();
        }
    }

    /** True when standard output is an interactive terminal (not a pipe, a file or a CI log). */
    public static boolean isTerminal() {
        return System.console() != null;
    }

    /** Step {@code k} (from 1) begins, working on {@code what}; the previous step, if any, counts as finished. */
    public synchronized void begin(int k, String what) {
        if (k < 1 || k > total) {
            throw new IllegalArgumentException("step " + k + " is outside 1.." + total);
        }
        finished = k - 1;
        step = k;
        item = what;
        print(status());
    }

    /** Prints a line of a step's own output above the status line. */
    public synchronized void note(String line) {
        if (terminal) {
            out.print("\r\033[K");
        }
        out.println(line);
        if (terminal) {
            out.print(status());
            out.flush();
        }
    }

    /** "[race 3/9] spin-mcs: elapsed 1m12s, ETA 3m40s". */
    synchronized String status() {
        long elapsed = nanos.getAsLong() - started;
        return String.format(Locale.ROOT, "[%s %d/%d] %s: elapsed %s, ETA %s", label, step, total, item,
                format(elapsed), eta(elapsed));
    }

    private String eta(long elapsed) {
        if (expectedNanos >= 0) {
            return format(Math.max(0, expectedNanos - elapsed));
        }
        if (finished == 0) {
            return "unknown until a step ends";
        }
        return format(elapsed / finished * (total - finished));
    }

    /** Whole seconds as {@code 45s}, {@code 3m05s} or {@code 2h03m}. */
    public static String format(long nanos) {
        long s = TimeUnit.NANOSECONDS.toSeconds(nanos);
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%dh%02dm", s / 3600, s / 60 % 60);
    }

    private void print(String status) {
        if (terminal) {
            out.print("\r\033[K" + status);
            out.flush();
        } else {
            out.println(status);
        }
    }

    private void tick() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                Thread.sleep(1000);
                synchronized (this) {
                    print(status());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops the ticker and ends the status line. */
    @Override
    public synchronized void close() {
        if (ticker != null) {
            ticker.interrupt();
            out.println();
        }
    }
}
