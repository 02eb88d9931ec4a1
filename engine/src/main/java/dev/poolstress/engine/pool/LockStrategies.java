package dev.poolstress.engine.pool;

import dev.poolstress.engine.FreeBlocks;
import dev.poolstress.engine.LockStrategy;
import dev.poolstress.engine.lock.McsSpinLock;
import dev.poolstress.engine.lock.ReentrantLockStrategy;
import dev.poolstress.engine.lock.SynchronizedStrategy;
import dev.poolstress.engine.lock.TasSpinLock;
import dev.poolstress.engine.lock.TicketSpinLock;
import dev.poolstress.engine.lock.TtasSpinLock;
import dev.poolstress.engine.lockfree.TreiberStack;
import dev.poolstress.engine.percpu.PerCpuMagazines;
import dev.poolstress.engine.percpu.PerThreadMagazines;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** The built-in strategies by id, and a user's own by class name. */
public final class LockStrategies {
    /** The kernel's choice: a queued spinlock taken with interrupts off. */
    public static final String DEFAULT = McsSpinLock.ID;

    private static final Map<String, Function<FreeBlocks, LockStrategy>> BUILT_IN = new LinkedHashMap<>();

    static {
        BUILT_IN.put(TasSpinLock.ID, TasSpinLock::new);
        BUILT_IN.put(TtasSpinLock.ID, TtasSpinLock::new);
        BUILT_IN.put(TicketSpinLock.ID, TicketSpinLock::new);
        BUILT_IN.put(McsSpinLock.ID, McsSpinLock::new);
        BUILT_IN.put(ReentrantLockStrategy.ID, blocks -> new ReentrantLockStrategy(blocks, false));
        BUILT_IN.put(ReentrantLockStrategy.FAIR_ID, blocks -> new ReentrantLockStrategy(blocks, true));
        BUILT_IN.put(SynchronizedStrategy.ID, SynchronizedStrategy::new);
        BUILT_IN.put(PerCpuMagazines.ID, PerCpuMagazines::new);
        BUILT_IN.put(TreiberStack.ID, TreiberStack::new);
        BUILT_IN.put(PerThreadMagazines.ID, PerThreadMagazines::new);
    }

    private LockStrategies() {
    }

    /** The ids of the built-in strategies, in a stable order. */
    public static List<String> builtInIds() {
        return List.copyOf(BUILT_IN.keySet());
    }

    /** Every built-in strategy, chosen, in the order of {@link #builtInIds()}. */
    public static List<StrategyChoice> builtIns() {
        return BUILT_IN.entrySet().stream().map(e -> new StrategyChoice(e.getKey(), e.getValue())).toList();
    }

    /**
     * Chooses the strategy a built-in id or a class name names (a class loaded by the thread's context class
     * loader): the one check of a name read from a user.
     *
     * @throws IllegalArgumentException naming what was wrong and what would be accepted
     */
    public static StrategyChoice choose(String idOrClassName) {
        return new StrategyChoice(idOrClassName, factory(idOrClassName));
    }

    /** As {@link #choose(String)}, loading a class name from {@code loader}. */
    public static StrategyChoice choose(String idOrClassName, ClassLoader loader) {
        return new StrategyChoice(idOrClassName, factory(idOrClassName, loader));
    }

    /**
     * The factory for a built-in id, or for a class implementing {@link LockStrategy} with a public constructor
     * taking {@link FreeBlocks}, loaded by the thread's context class loader.
     *
     * @throws IllegalArgumentException naming what was wrong and what would be accepted
     */
    static Function<FreeBlocks, LockStrategy> factory(String idOrClassName) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        return factory(idOrClassName, loader != null ? loader : LockStrategies.class.getClassLoader());
    }

    /** As {@link #factory(String)}, loading a class name from {@code loader}. */
    static Function<FreeBlocks, LockStrategy> factory(String idOrClassName, ClassLoader loader) {
        if (idOrClassName == null || idOrClassName.isBlank()) {
            throw new IllegalArgumentException("lock strategy must be one of " + String.join(", ", BUILT_IN.keySet())
                    + ", or a class name");
        }
        Function<FreeBlocks, LockStrategy> builtIn = BUILT_IN.get(idOrClassName);
        if (builtIn != null) {
            return builtIn;
        }
        if (!idOrClassName.contains(".")) {
            throw new IllegalArgumentException("unknown lock strategy '" + idOrClassName + "': expected one of "
                    + String.join(", ", BUILT_IN.keySet()) + ", or the fully qualified name of a class implementing "
                    + LockStrategy.class.getName());
        }
        return fromClass(idOrClassName, loader);
    }

    private static Function<FreeBlocks, LockStrategy> fromClass(String className, ClassLoader loader) {
        Class<?> type;
        try {
            type = Class.forName(className, true, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new IllegalArgumentException("lock strategy class '" + className + "' cannot be loaded ("
                    + e + "); is it on the classpath?", e);
        }
        if (!LockStrategy.class.isAssignableFrom(type) || Modifier.isAbstract(type.getModifiers())) {
            throw new IllegalArgumentException("lock strategy class '" + className
                    + "' is not a concrete implementation of " + LockStrategy.class.getName());
        }
        Constructor<? extends LockStrategy> constructor;
        try {
            constructor = type.asSubclass(LockStrategy.class).getConstructor(FreeBlocks.class);
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException("lock strategy class '" + className
                    + "' needs a public constructor taking " + FreeBlocks.class.getName(), e);
        }
        return blocks -> {
            try {
                return constructor.newInstance(blocks);
            } catch (InvocationTargetException e) {
                throw new IllegalArgumentException("constructor of lock strategy class '" + className
                        + "' failed: " + e.getCause(), e.getCause());
            } catch (ReflectiveOperationException e) {
                throw new IllegalArgumentException("cannot instantiate lock strategy class '" + className + "': "
                        + e, e);
            }
        };
    }
}
