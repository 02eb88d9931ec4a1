package dev.poolstress.stress.progress;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What a run has finished so far, and how to write it if the run is cut short by a signal. A command registers a
 * writer when its first result can exist and closes the registration when it writes its results the normal way; the
 * signal hook ({@code Interruption} in the command line) ends the forked JVMs first, then calls {@link #writeAll()},
 * so each writer sees only results that are complete and marks its output incomplete.
 *
 * <p>Writers run on the shutdown hook's thread, so a writer must read its results under the same lock (or from the
 * same thread-safe collection) that the run adds them with.
 */
public final class Unfinished {
    private static final List<Runnable> WRITERS = new CopyOnWriteArrayList<>();

    private Unfinished() {
    }

    /** A writer's registration: closing it means the run wrote its results itself. */
    public interface Registration extends AutoCloseable {
        @Override
        void close();
    }

    /** Registers {@code writer} to write the finished part of a run, marked incomplete, if the JVM is signalled. */
    public static Registration register(Runnable writer) {
        WRITERS.add(writer);
        return () -> WRITERS.remove(writer);
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
