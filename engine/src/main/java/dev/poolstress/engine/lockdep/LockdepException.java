package dev.poolstress.engine.lockdep;

/** Thrown instead of deadlocking when a thread takes a lock it already holds. */
public final class LockdepException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    LockdepException(String message) {
        super(message);
    }
}
