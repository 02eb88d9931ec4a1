package dev.poolstress.engine.pool;

import static dev.poolstress.engine.pool.PoolVariants.device;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.poolstress.engine.CoherentPage;
import dev.poolstress.engine.FreeBlocks;
import dev.poolstress.engine.LockStrategy;
import dev.poolstress.engine.lock.IrqSaveLock;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Choosing a strategy: the built-ins by id, a user's own by class name, and a clear error for anything else. */
class LockStrategiesTest {
    /** A user's strategy: one monitor around the free blocks, counting the calls the pool makes. */
    public static class Counting implements LockStrategy {
        private final FreeBlocks blocks;
        int allocs;
        int grows;
        int frees;

        public Counting(FreeBlocks blocks) {
            this.blocks = blocks;
        }

        @Override
        public synchronized long alloc() {
            allocs++;
            return blocks.pop();
        }

        @Override
        public synchronized long grow(CoherentPage page) {
            grows++;
            blocks.addPage(page);
            return blocks.pop();
        }

        @Override
        public synchronized void free(long dma) {
            frees++;
            blocks.push(dma);
        }
    }

    /** Implements the interface but cannot be made from a pool's free blocks. */
    public static final class WithoutFreeBlocksConstructor implements LockStrategy {
        public WithoutFreeBlocksConstructor() {
        }

        @Override
        public long alloc() {
            return DmaPool.NULL;
        }

        @Override
        public long grow(CoherentPage page) {
            return DmaPool.NULL;
        }

        @Override
        public void free(long dma) {
        }
    }

    /** Its constructor refuses, as a user's might when misconfigured. */
    public static final class FailingConstructor extends Counting {
        public FailingConstructor(FreeBlocks blocks) {
            super(blocks);
            throw new IllegalStateException("not configured");
        }
    }

    @Test
    void shouldOfferTheBuiltInsInAStableOrder() {
        assertEquals(List.of("spin-tas", "spin-ttas", "spin-ticket", "spin-mcs", "reentrant", "reentrant-fair",
                "synchronized", "percpu", "lockfree", "thread-cache"), LockStrategies.builtInIds());
        assertTrue(LockStrategies.builtInIds().contains(LockStrategies.DEFAULT));
    }

    @ParameterizedTest
    @MethodSource("dev.poolstress.engine.pool.PoolVariants#locks")
    void shouldMakeEachBuiltInById(String id) {
        assertNotNull(LockStrategies.factory(id));
        DmaPool pool = DmaPool.builder("by-id", device()).size(64).lock(id).build();
        assertEquals(id, pool.lockId());
        pool.free(pool.alloc());
        assertEquals(0, pool.stats().nrActive());
    }

    @Test
    void shouldMakeAUsersStrategyByClassName() {
        String className = Counting.class.getName();
        DmaPool pool = DmaPool.builder("by-class", device()).size(64).lock(className).build();
        assertEquals(className, pool.lockId(), "a user's strategy is known by its class name");

        long first = pool.alloc();
        long second = pool.alloc();
        pool.free(first);
        assertEquals(first, pool.alloc());
        pool.free(second);
        pool.free(first);
        assertEquals(0, pool.stats().nrActive());
        assertEquals(64, pool.stats().nrBlocks());
    }

    @Test
    void shouldRouteEveryCallThroughTheStrategyItMade() {
        Counting[] made = new Counting[1];
        DmaPool pool = DmaPool.builder("routed", device()).size(64)
                .lock(blocks -> made[0] = new Counting(blocks)).build();
        pool.free(pool.alloc());
        pool.alloc();
        assertEquals(2, made[0].allocs);
        assertEquals(1, made[0].grows);
        assertEquals(1, made[0].frees);
    }

    @Test
    void shouldChooseByNameOnceAndKeepTheNameForReportsAndForks() {
        StrategyChoice chosen = LockStrategies.choose(Counting.class.getName());

        assertEquals(Counting.class.getName(), chosen.name());
        assertFalse(chosen.builtIn());
        assertEquals(Counting.class.getName(), DmaPool.builder("chosen", device()).size(64).lock(chosen.factory())
                .build().lockId());
        assertEquals(LockStrategies.builtInIds(), LockStrategies.builtIns().stream().map(StrategyChoice::name)
                .toList());
        assertTrue(LockStrategies.builtIns().stream().allMatch(StrategyChoice::builtIn));
        assertThrows(IllegalArgumentException.class, () -> LockStrategies.choose("spin-nope"));
    }

    @Test
    void shouldLoadAClassNameFromTheGivenLoader() throws IOException {
        String className = Counting.class.getName();
        Function<FreeBlocks, LockStrategy> factory =
                LockStrategies.factory(className, LockStrategiesTest.class.getClassLoader());
        assertEquals(className, DmaPool.builder("loaded", device()).size(64).lock(factory).build().lockId());

        try (URLClassLoader bootstrapOnly = new URLClassLoader(new URL[0], null)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> LockStrategies.factory(className, bootstrapOnly));
            assertTrue(e.getMessage().contains(className) && e.getMessage().contains("cannot be loaded"),
                    e.getMessage());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"spin-foo", "SPIN-MCS", "mcs", ""})
    void shouldListTheAcceptedIdsForAnUnknownOne(String id) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LockStrategies.factory(id));
        for (String accepted : LockStrategies.builtInIds()) {
            assertTrue(e.getMessage().contains(accepted), () -> "must list " + accepted + ": " + e.getMessage());
        }
        assertTrue(e.getMessage().contains("class"), "and say a class name is accepted: " + e.getMessage());
    }

    @Test
    void shouldSayWhenTheClassCannotBeFound() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LockStrategies.factory("com.example.NoSuchStrategy"));
        assertTrue(e.getMessage().contains("com.example.NoSuchStrategy") && e.getMessage().contains("classpath"),
                e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(classes = {String.class, IrqSaveLock.class})
    void shouldRejectAClassThatIsNotAConcreteStrategy(Class<?> type) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LockStrategies.factory(type.getName()));
        assertTrue(e.getMessage().contains(type.getName()) && e.getMessage().contains(LockStrategy.class.getName()),
                e.getMessage());
    }

    @Test
    void shouldRejectAStrategyWithoutAFreeBlocksConstructor() {
        String className = WithoutFreeBlocksConstructor.class.getName();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LockStrategies.factory(className));
        assertTrue(e.getMessage().contains(className) && e.getMessage().contains(FreeBlocks.class.getName()),
                e.getMessage());
    }

    @Test
    void shouldReportAFailingConstructorAndRegisterNothing() {
        Device dev = device();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DmaPool.builder("failing", dev).size(64).lock(FailingConstructor.class.getName()).build());
        assertTrue(e.getMessage().contains("not configured"), e.getMessage());
        assertEquals("poolinfo - 0.1\n", dev.pools());
    }
}
