package dev.poolstress.scenarios.storm;

/**
 * A storm that ran into this JVM's limit on direct memory, which holds the emulated device's pages
 * ({@code -XX:MaxDirectMemorySize}, by default the maximum heap), rather than into a fault of its strategy.
 *
 * <p>A thread that meets {@link OutOfMemoryError} dies holding whatever blocks it had, so the loss audit would count
 * them against the strategy; a storm that saw one throws this instead of reporting, and no loss is claimed. The limit
 * that can be known before a run (a scenario whose pools can never fit) is refused when the scenario is read.
 */
public final class OutOfDeviceMemory extends RuntimeException {
    private static final long serialVersionUID = 1L;

    OutOfDeviceMemory(String strategy, String where, OutOfMemoryError cause) {
        super(where + " ran out of the JVM's direct memory, which holds the device's pages (" + cause.getMessage()
                + "); raise -XX:MaxDirectMemorySize through JAVA_OPTS, or give the scenario smaller pools, fewer "
                + "blocks in flight or a smaller prefill. The run is no verdict on " + strategy
                + ": its blocks were not counted as lost", cause);
    }

    /** What {@code error} of {@code where} means, when it is or was caused by an {@link OutOfMemoryError}; else null. */
    static OutOfDeviceMemory of(String strategy, String where, Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof OutOfMemoryError oom) {
                return new OutOfDeviceMemory(strategy, where, oom);
            }
        }
        return null;
    }
}
