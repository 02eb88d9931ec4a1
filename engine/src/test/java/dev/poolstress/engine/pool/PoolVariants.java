package dev.poolstress.engine.pool;

import dev.poolstress.engine.cpu.Cpus;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/**
 * The variants every contract test runs over: each built-in lock strategy, and a user's own loaded by class name,
 * with each free-block algorithm, and the
 * fresh devices the tests build pools on. Every device gets a machine of its own, with the calling thread bound to
 * CPU 0, so that a test's per-CPU caches and figures do not depend on which tests ran before it.
 */
final class PoolVariants {
    static final List<String> ALGORITHMS = List.of("stack", "legacy");
    /** A user's own strategy, chosen by class name: the README's example. */
    static final String USER_STRATEGY = "com.example.pool.SemaphoreLock";
    /** The built-ins that keep freed blocks in magazines (arrays), handing a refill batch out from the top. */
    static final List<String> MAGAZINES = List.of("percpu", "thread-cache");

    private static final AtomicInteger DEVICES = new AtomicInteger();

    private PoolVariants() {
    }

    /** Every (lock, algorithm) pair, the user's own strategy included. */
    static Stream<Arguments> all() {
        return Stream.concat(LockStrategies.builtInIds().stream(), Stream.of(USER_STRATEGY))
                .flatMap(lock -> ALGORITHMS.stream().map(algorithm -> Arguments.of(lock, algorithm)));
    }

    /** Every built-in lock id. */
    static Stream<String> locks() {
        return LockStrategies.builtInIds().stream();
    }

    /** A device on a two-CPU machine of its own; the caller runs on CPU 0. */
    static Device device() {
        Cpus cpus = Cpus.of(2);
        cpus.bind(0);
        return Device.create("dev" + DEVICES.incrementAndGet(), cpus);
    }

    /** The bytes at the start of a free block that hold the algorithm's link and escape poisoning. */
    static int linkBytes(String algorithm) {
        return algorithm.equals("stack") ? 16 : 4;
    }
}
