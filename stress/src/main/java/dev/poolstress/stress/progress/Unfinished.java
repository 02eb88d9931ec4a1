package dev.poolstress.stress.progress;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What a run has finished so far, and how to write it if the run is cut short by a signal. A command registers a
 * writer when its first result can exist and closes the registration when it writes its results the normal way; the
 * signal hook ({@code Interruption} in the command line) ends the forked JVMs first, then calls {@link #writeAll()},
 * so each writer sees only results that are complete and marks its output incomplete. The hook {@linkplain #claim()
 * claims} the writers before it ends the forks: from then on a registration can no longer be withdrawn, so a run that
 * returns because its forks were ended cannot take its writer away from the hook, and exactly one of the two writes.
 *
 * <p>Writers run on the shutdown hook's thread, so a writer must read its results under the same lock (or from the
 * same thread-safe collection) that the run adds them with.
 */
public final class Unfinished {
    private static final List<Runnable> WRITERS = new CopyOnWriteArrayList<>();
    private static boolean claimed; // guarded by WRITERS

    private Unfinished() {
    }

    /** A writer's registration, withdrawn when the run is about to write its results the normal way. */
    public interface Registration extends AutoCloseable {
        /**
         * Withdraws the writer unless the signal hook has claimed it.
         *
         * @return true when the run is to write its results itself, false when the hook writes them
         */
        boolean withdraw();

        /** {@link #withdraw()}, for a run whose normal output cannot race the hook's. */
        @Override
        default void close() {
            withdraw();
        }
    }

    /** Registers {@code writer} to write the finished part of a run, marked incomplete, if the JVM is signalled. */
    public static Registration register(Runnable writer) {
        WRITERS.add(writer);
        return () -> {
            synchronized (WRITERS) {
                return !claimed && WRITERS.remove(writer);
            }
        };
    }

    /** The signal hook takes the writers registered now: none of them can be withdrawn any more. */
    public static void claim() {
        synchronized (WRITERS) {
            claimed = true;
        }
    }

    /**
     * Runs every registered writer once and forgets it; a writer that throws does not stop the others.
     *
     * @return the failures' messages, empty when every writer wrote
     */
    public static List<String> writeAll() {
        List<String> failures = new java.util.ArrayList<>();
        for (Runnable writer : WRITERS) {
            WRITERS.remove(writer);
            try {
                writer.run();
            } catch (RuntimeException e) {
                failures.add(e.getMessage() == null ? e.toString() : e.getMessage());
            }
        }
        return failures;
    }
}
