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
import dev.poolstress.stress.termination.IrqStormTerminates;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** The jcstress tests the runner knows, in the order it runs and reports them. */
public final class Suite {
    /** One jcstress test; its property is the package it lives in. */
    public record Test(String className) {
        public String simpleName() {
            return className.substring(className.lastIndexOf('.') + 1);
        }

        public String property() {
            String pkg = className.substring(0, className.lastIndexOf('.'));
            return pkg.substring(pkg.lastIndexOf('.') + 1);
        }
    }

    /** The properties, as columns of the verdict table. */
    public static final List<String> PROPERTIES = List.of("ownership", "loss", "irq", "lockdep", "percpu", "debug",
            "boundary", "growth", "termination");

    public static final List<Test> TESTS = List.of(
            test(ConcurrentAllocsNeverShareABlock.class),
            test(PopPushRaceNeverSharesABlock.class),
            test(AllocFreeLosesNoBlock.class),
            test(IrqFreeOnSameCpuRacesAlloc.class),
            test(IrqFreeOnOtherCpuRacesAlloc.class),
            test(IrqUsedLockIsIrqSafe.class),
            test(RefillAndExchangeRaceRemoteFrees.class),
            test(DoubleFreeDetectedOnce.class),
            test(BlocksStayInsideBoundary.class),
            test(GrowWhileAllocating.class),
            test(IrqStormTerminates.class));

    private Suite() {
    }

    public static Test test(Class<?> type) {
        return new Test(type.getName());
    }

    /** The tests whose class name contains a match of {@code regex}, as jcstress's {@code -t} selects. */
    public static List<Test> matching(Pattern regex) {
        return TESTS.stream().filter(t -> regex.matcher(t.className()).find()).collect(Collectors.toList());
    }
}
