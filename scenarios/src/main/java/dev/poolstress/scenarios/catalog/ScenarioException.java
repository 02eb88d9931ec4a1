package dev.poolstress.scenarios.catalog;

/** A scenario that could not be found or read; the message names the source and what was wrong. */
public final class ScenarioException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public ScenarioException(String message) {
        super(message);
    }

    public ScenarioException(String message, Throwable cause) {
        super(message, cause);
    }
}
