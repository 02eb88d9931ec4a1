package dev.poolstress.stress.broken;

import dev.poolstress.engine.LockStrategy;
import java.util.Arrays;
import java.util.List;

/** The broken strategies, in the order the runner scores them. */
public final class Catalog {
    public static final List<Class<? extends LockStrategy>> ENTRIES = List.of(
            UnlockedFree.class,
            RacyCountTreiberStack.class,
            EarlyUnlockStack.class,
            UntaggedTreiberStack.class,
            UnguardedPerCpuCache.class,
            IrqUnsafeSpinLock.class,
            NonAtomicTtasSpinLock.class,
            QueueSkippingTicketLock.class,
            GrowOutsideLock.class,
            NarrowTagTreiberStack.class,
            GiveUpSpinLock.class,
            UnlockedDepotMagazines.class);

    private Catalog() {
    }

    /** Whether {@code type} is one of the catalog's deliberately broken strategies. */
    public static boolean isBroken(Class<?> type) {
        return type.isAnnotationPresent(CaughtBy.class);
    }

    /** The tests that must catch {@code entry}. */
    public static List<Class<?>> catchers(Class<? extends LockStrategy> entry) {
        return Arrays.asList(entry.getAnnotation(CaughtBy.class).value());
    }
}
