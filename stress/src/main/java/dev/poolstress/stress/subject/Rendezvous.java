package dev.poolstress.stress.subject;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A start line for a state's two actors: each calls {@link #arrive()} first and waits there for the other, so their
 * parts overlap in most samples instead of in the few where jcstress happened to start them together. jcstress runs
 * both actors over the states of a stride in the same order, so the other actor always comes.
 */
public final class Rendezvous {
    private static final VarHandle ARRIVED;

    static {
        try {
            ARRIVED = MethodHandles.lookup().findVarHandle(Rendezvous.class, "arrived", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @SuppressWarnings("unused") // accessed through ARRIVED
    private volatile int arrived;

    /** Counts this actor in and spins until both are. */
    public void arrive() {
        ARRIVED.getAndAdd(this, 1);
        while ((int) ARRIVED.getVolatile(this) < 2) {
            Thread.onSpinWait();
        }
    }
}
