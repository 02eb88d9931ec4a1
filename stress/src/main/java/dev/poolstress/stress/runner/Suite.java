package dev.poolstress.stress.runner;

import dev.poolstress.stress.boundary.BlocksStayInsideBoundary;
import dev.poolstress.stress.debug.DoubleFreeDetectedOnce;
import dev.poolstress.stress.growth.GrowWhileAllocating;
import dev.poolstress.stress.irq.IrqFreeOnOtherCpuRacesAlloc;
import dev.poolstress.stress.irq.IrqFreeOnSameCpuRacesAlloc;
import dev.poolstress.stress.lockdep.IrqUsedLockIsIrqSafe;
import dev.poolstress.stress.loss.AllocFreeLosesNoBlock;
import dev.poolstress.stress.ownership.ConcurrentAllocsNeverShareABlock;
import dev.poolstress.stress.ownership.PopPushRaceNeverSharesABlock;
import dev.poolstress.stress.percpu.RefillAndExchangeRaceRemoteFrees;
import dev.poolstress.stress.subject.Raced;
import dev.poolstress.stress.termination.IrqStormTerminates;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The jcstress tests the runner knows, in the order it runs and reports them. A test is registered by listing its
 * class in {@link #CLASSES} and annotating it {@link Raced}; every other list (the tests, the properties, the
 * {@code ci} tier's tests) is derived from those two.
 */
public final class Suite {
    /** One jcstress test and the property it checks. */
    public record Test(String className, String property) {
        public String simpleName() {
            return className.substring(className.lastIndexOf('.') + 1);
        }
    }

    /** Every jcstress test of the suite, in the order the runner runs and reports them: the one registration. */
    static final List<Class<?>> CLASSES = List.of(
            ConcurrentAllocsNeverShareABlock.class,
            PopPushRaceNeverSharesABlock.class,
            AllocFreeLosesNoBlock.class,
            IrqFreeOnSameCpuRacesAlloc.class,
            IrqFreeOnOtherCpuRacesAlloc.class,
            IrqUsedLockIsIrqSafe.class,
            RefillAndExchangeRaceRemoteFrees.class,
            DoubleFreeDetectedOnce.class,
            BlocksStayInsideBoundary.class,
            GrowWhileAllocating.class,
            IrqStormTerminates.class);

    public static final List<Test> TESTS = CLASSES.stream().map(Suite::test).toList();

    /** The properties, as columns of the verdict table: each test's, in the order of the tests. */
    public static final List<String> PROPERTIES = TESTS.stream().map(Test::property).distinct().toList();

    /** The tests whose {@link Raced#ci()} puts them in the {@code ci} tier, in the order of the tests. */
    static final List<Test> CI = CLASSES.stream().filter(type -> raced(type).ci()).map(Suite::test).toList();

    private Suite() {
    }

    /**
     * The test of a jcstress class of the suite.
     *
     * @throws IllegalArgumentException if the class does not carry {@link Raced}
     */
    public static Test test(Class<?> type) {
        return new Test(type.getName(), raced(type).property());
    }

    /** The tests whose class name contains a match of {@code regex}, as jcstress's {@code -t} selects. */
    public static List<Test> matching(Pattern regex) {
        return TESTS.stream().filter(t -> regex.matcher(t.className()).find()).collect(Collectors.toList());
    }

    private static Raced raced(Class<?> type) {
        Raced raced = type.getAnnotation(Raced.class);
        if (raced == null) {
            throw new IllegalArgumentException(type.getName() + " is not annotated @" + Raced.class.getSimpleName());
        }
        return raced;
    }
}
