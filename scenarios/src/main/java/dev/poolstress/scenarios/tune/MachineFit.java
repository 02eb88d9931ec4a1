package dev.poolstress.scenarios.tune;

import dev.poolstress.scenarios.storm.StormPlan;
import java.util.Optional;

/**
 * Whether this machine can run a scenario's busy threads at once: a ring storm keeps its submitters and device
 * queues busy, a rounds storm its threads. With more busy threads than cores the OS time-slices them, a thread
 * preempted inside the lock stalls every other one, and the runs spread; the tuner measures that too, but says so.
 *
 * @param busyThreads threads the storm keeps running ({@link StormPlan#busyThreads()})
 * @param cores       processors this JVM may use
 */
public record MachineFit(int busyThreads, int cores) {
    public static MachineFit of(StormPlan plan) {
        return new MachineFit(plan.busyThreads(), Runtime.getRuntime().availableProcessors());
    }

    /** The cores the busy threads can run on at once: the CPU the storm has per second of its run. */
    public int cpus() {
        return Math.min(busyThreads, cores);
    }

    public boolean oversubscribed() {
        return busyThreads > cores;
    }

    /** The warning to print when the machine has fewer cores than the scenario busy threads. */
    public Optional<String> warning(String scenario) {
        if (!oversubscribed()) {
            return Optional.empty();
        }
        return Optional.of("warning: " + scenario + " keeps " + busyThreads + " threads busy on a machine with "
                + cores + " core" + (cores == 1 ? "" : "s") + ": the OS time-slices them, a thread preempted while "
                + "it holds the lock stalls the others, and runs spread more than on a machine with " + busyThreads
                + " cores; the tiers include that spread.");
    }
}
