package dev.poolstress.cli;

import dev.poolstress.stress.progress.Unfinished;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * What a signal (SIGINT from Ctrl-C, SIGTERM) does to a run: the JVM runs its shutdown hooks and exits with 128 plus
 * the signal's number (130, 143). This hook ends every JVM the run forked (tune's per-strategy JVMs, jcstress's and
 * JMH's forks), which would otherwise run on with nobody to read them, then has the run write what it had finished
 * ({@link Unfinished}, marked incomplete), and says so in one line. Temporary files are removed by the code that made
 * them ({@link java.io.File#deleteOnExit()}).
 *
 * <p>The hook does nothing when the command line ended by itself ({@link #finished()}). Once it has begun, a run
 * that fails because its forks were ended is not a failure to report ({@link #interrupted()}): the one line is
 * this hook's.
 */
final class Interruption {
    private static final long GRACE_MILLIS = 1000;

    private static volatile boolean finished;
    private static volatile boolean interrupted;

    private Interruption() {
    }

    /** Installs the hook once, for this JVM's command line. */
    static void install(PrintWriter err) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> onSignal(err), "poolstress-interruption"));
    }

    /** The command line has returned: exiting now is not an interruption. */
    static void finished() {
        finished = true;
    }

    /** A signal is ending the command line: what fails from now on failed because the run was cut short. */
    static boolean interrupted() {
        return interrupted;
    }

    private static void onSignal(PrintWriter err) {
        if (finished) {
            return;
        }
        interrupted = true;
        Unfinished.claim(); // before the forks end: a run that returns because of it must not withdraw its writer
        List<ProcessHandle> forks = ProcessHandle.current().descendants().toList();
        forks.forEach(ProcessHandle::destroy);
        CompletableFuture<?>[] exits = forks.stream().map(ProcessHandle::onExit).toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(exits).get(GRACE_MILLIS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            forks.forEach(ProcessHandle::destroyForcibly);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<String> failures = Unfinished.writeAll();
        err.println("poolstress: interrupted; " + (forks.isEmpty() ? "no forked JVM was running"
                : "ended " + forks.size() + " forked JVM(s)") + "; the run in progress is not reported"
                + (failures.isEmpty() ? ", and any report asked for holds the runs that had finished, marked incomplete"
                        : "; could not write the finished runs: " + String.join("; ", failures)));
        err.flush();
    }
}
