package dev.poolstress.engine.pool;

import static dev.poolstress.engine.pool.PoolVariants.device;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.poolstress.engine.DmaPoolException;
import dev.poolstress.engine.DmaPoolException.Reason;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The kernel's {@code DMAPOOL_DEBUG} checks under every strategy and algorithm: each rejected free names the pool
 * and the dma in the kernel's words and leaves the pool exactly as it was, which is shown by running the same
 * history on a twin device without the bad free and comparing what both pools do next.
 */
class DebugChecksTest {
    private static final int SIZE = 64;

    /** A debug pool with blocks 0, 2 and 4 owned and 1 and 3 freed, beside a second pool owning one block. */
    private record History(Device dev, DmaPool pool, DmaPool other, long[] blocks, long foreign) {
        static History replay(String lock, String algorithm) {
            Device dev = device();
            DmaPool pool = DmaPool.builder("checked", dev).size(SIZE).algorithm(algorithm).lock(lock).debug(true)
                    .build();
            DmaPool other = DmaPool.builder("other", dev).size(SIZE).algorithm(algorithm).lock(lock).debug(true)
                    .build();
            long foreign = other.alloc();
            long[] blocks = new long[5];
            for (int i = 0; i < blocks.length; i++) {
                blocks[i] = pool.alloc();
            }
            pool.free(blocks[1]);
            pool.free(blocks[3]);
            return new History(dev, pool, other, blocks, foreign);
        }

        List<Long> next(int count) {
            List<Long> dmas = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                dmas.add(pool.alloc());
            }
            return dmas;
        }
    }

    private static void assertRejectedLeavingNoTrace(String lock, String algorithm, Reason reason, String wording,
            ToLongFunction<History> badDma) {
        History history = History.replay(lock, algorithm);
        History twin = History.replay(lock, algorithm);
        long dma = badDma.applyAsLong(history);
        PoolStats before = history.pool.stats();
        int logged = history.dev.messages().size();

        DmaPoolException e = assertThrows(DmaPoolException.class, () -> history.pool.free(dma));

        assertEquals(reason, e.reason());
        String hex = "0x" + Long.toHexString(dma);
        assertTrue(e.getMessage().contains(wording) && e.getMessage().contains("checked")
                && e.getMessage().contains(hex), () -> "message must carry '" + wording + "', the pool and " + hex
                + ": " + e.getMessage());
        List<String> newLines = history.dev.messages().subList(logged, history.dev.messages().size());
        assertTrue(newLines.stream().anyMatch(line -> line.contains(wording) && line.contains(hex)),
                () -> "device log: " + newLines);
        assertEquals(before, history.pool.stats());
        assertEquals(twin.pool.stats(), history.pool.stats());
        assertEquals(twin.other.stats(), history.other.stats());

        int beforeNext = history.dev.messages().size();
        assertEquals(twin.next(8), history.next(8), "the next allocations differ from a pool that saw no bad free");
        assertEquals(beforeNext, history.dev.messages().size(), () -> "allocations after a rejected free logged: "
                + history.dev.messages());
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("dev.poolstress.engine.pool.PoolVariants#all")
    void shouldRejectDoubleFreeAsAlreadyFree(String lock, String algorithm) {
        assertRejectedLeavingNoTrace(lock, algorithm, Reason.ALREADY_FREE, "already free", h -> h.blocks[1]);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("dev.poolstress.engine.pool.PoolVariants#all")
    void shouldRejectTheTopFreeBlockFreedAgain(String lock, String algorithm) {
        assertRejectedLeavingNoTrace(lock, algorithm, Reason.ALREADY_FREE, "already free", h -> h.blocks[3]);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("dev.poolstress.engine.pool.PoolVariants#all")
    void shouldRejectFreeOfAnotherPoolsBlockAsBadDma(String lock, String algorithm) {
        assertRejectedLeavingNoTrace(lock, algorithm, Reason.BAD_DMA, "bad dma", h -> h.foreign);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("dev.poolstress.engine.pool.PoolVariants#all")
    void shouldRejectDmaOutsideAnyPageAsBadDma(String lock, String algorithm) {
        assertRejectedLeavingNoTrace(lock, algorithm, Reason.BAD_DMA, "bad dma", h -> Device.DMA_BASE + (1L << 36));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("dev.poolstress.engine.pool.PoolVariants#all")
    void shouldRejectMisalignedDmaInsideAPageAsBadDma(String lock, String algorithm) {
        assertRejectedLeavingNoTrace(lock, algorithm, Reason.BAD_DMA, "bad dma", h -> h.blocks[2] + SIZE / 2);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("dev.poolstress.engine.pool.PoolVariants#all")
    void shouldRejectDmaOneByteIntoAFreeBlockAsBadDma(String lock, String algorithm) {
        assertRejectedLeavingNoTrace(lock, algorithm, Reason.BAD_DMA, "bad dma", h -> h.blocks[3] + 1);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("dev.poolstress.engine.pool.PoolVariants#all")
    void shouldReportBusyOnDestroyAndKeepThePool(String lock, String algorithm) {
        History history = History.replay(lock, algorithm);
        PoolStats before = history.pool.stats();
        DmaPoolException e = assertThrows(DmaPoolException.class, history.pool::destroy);
        assertEquals(Reason.BUSY, e.reason());
        assertTrue(e.getMessage().contains("checked") && e.getMessage().contains("busy"), e.getMessage());
        assertEquals(before, history.pool.stats());
        history.pool.free(history.blocks[0]);
        history.pool.free(history.blocks[2]);
        history.pool.free(history.blocks[4]);
        history.pool.destroy();
        assertFalse(history.dev.pools().contains("checked"), history.dev.pools());
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("dev.poolstress.engine.pool.PoolVariants#all")
    void shouldReportAWriteAfterFreeWhenTheBlockIsNextAllocated(String lock, String algorithm) {
        History history = History.replay(lock, algorithm);
        long victim = history.blocks[4];
        history.pool.free(victim);
        // the first byte past the link, then the last byte of the block
        ByteBuffer stale = history.pool.block(victim);
        stale.put(PoolVariants.linkBytes(algorithm), (byte) 0x42);
        stale.put(SIZE - 1, (byte) 0x43);
        int logged = history.dev.messages().size();

        assertEquals(victim, history.pool.alloc(), "the block freed last is allocated first");

        List<String> newLines = history.dev.messages().subList(logged, history.dev.messages().size());
        String expected = history.dev.name() + ": dma_pool_alloc checked, 0x" + Long.toHexString(victim)
                + " (corrupted)";
        assertEquals(expected, newLines.get(0), () -> "device log: " + newLines);
        // the hex dump shows the bytes written
        assertTrue(newLines.stream().anyMatch(line -> line.contains(" 42")), () -> "dump: " + newLines);
        for (int i = 0; i < SIZE; i++) {
            assertEquals((byte) 0xa9, stale.get(i), "the block is poisoned as allocated all the same");
        }
    }

    /**
     * A write after free into a free block's link words: which word, and what a stale pointer leaves there. Legacy
     * keeps a four-byte offset at the block's start, stack the next block's dma at 0 and the block's own dma at 8.
     */
    private enum LinkWrite {
        /** Garbage over the next link; both halves hold 0x7b, so it is garbage in either byte order. */
        GARBAGE_NEXT("next", 0) {
            @Override
            long value(String algorithm, long victim, long foreign) {
                return 0x7b_0000_007bL;
            }
        },
        /** The next link names a spot inside a block of the same page. */
        NEXT_INSIDE_A_BLOCK("next", 0) {
            @Override
            long value(String algorithm, long victim, long foreign) {
                return link(algorithm, victim, victim + 8);
            }
        },
        /** The next link names the block itself, which would hand it out twice. */
        NEXT_TO_ITSELF("next", 0) {
            @Override
            long value(String algorithm, long victim, long foreign) {
                return link(algorithm, victim, victim);
            }
        },
        /** The next link names a block of another pool (stack only: legacy links are offsets in the page). */
        NEXT_TO_ANOTHER_POOL("next", 0) {
            @Override
            long value(String algorithm, long victim, long foreign) {
                return foreign;
            }
        },
        /** Garbage over the handle the stack returns (stack only). */
        GARBAGE_OWN_DMA("own-dma", 8) {
            @Override
            long value(String algorithm, long victim, long foreign) {
                return 0x7bL;
            }
        };

        final String word;
        final int offset;

        LinkWrite(String word, int offset) {
            this.word = word;
            this.offset = offset;
        }

        abstract long value(String algorithm, long victim, long foreign);

        boolean appliesTo(String algorithm) {
            return algorithm.equals("stack") || (this != NEXT_TO_ANOTHER_POOL && this != GARBAGE_OWN_DMA);
        }

        /** What a link to {@code target} looks like in {@code victim}'s first eight bytes. */
        private static long link(String algorithm, long victim, long target) {
            if (algorithm.equals("stack")) {
                return target;
            }
            long offset = target - victim + (victim - Device.DMA_BASE) % Device.PAGE_SIZE;
            return offset << 32 | offset; // the four-byte offset, whichever half the byte order reads
        }
    }

    static Stream<Arguments> linkWrites() {
        return PoolVariants.all().flatMap(variant -> Stream.of(LinkWrite.values())
                .filter(write -> write.appliesTo((String) variant.get()[1]))
                .map(write -> Arguments.of(variant.get()[0], variant.get()[1], write)));
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("linkWrites")
    void shouldRejectAllocAsCorruptedWhenAFreeBlocksLinkWasOverwritten(String lock, String algorithm,
            LinkWrite write) {
        History history = History.replay(lock, algorithm);
        History twin = History.replay(lock, algorithm);
        long victim = history.blocks[4];
        history.pool.free(victim);
        twin.pool.free(twin.blocks[4]);
        long word = history.pool.getLong(victim, write.offset);
        history.pool.putLong(victim, write.offset, write.value(algorithm, victim, history.foreign));
        PoolStats before = history.pool.stats();
        String listing = history.dev.pools();
        int logged = history.dev.messages().size();

        DmaPoolException e = assertThrows(DmaPoolException.class, history.pool::alloc);

        assertEquals(Reason.CORRUPTED, e.reason(), e::getMessage);
        String hex = "0x" + Long.toHexString(victim);
        assertTrue(e.getMessage().contains("corrupted free list") && e.getMessage().contains("checked")
                && e.getMessage().contains(hex) && e.getMessage().contains(write.word), () -> "message must say"
                + " 'corrupted free list' and name the pool, " + hex + " and the " + write.word + " word: "
                + e.getMessage());
        List<String> newLines = history.dev.messages().subList(logged, history.dev.messages().size());
        assertEquals(history.dev.name() + ": dma_pool_alloc checked, " + hex + " (corrupted)", newLines.get(0),
                () -> "device log: " + newLines);
        assertTrue(newLines.size() > 1, () -> "the block's hex dump follows: " + newLines);
        assertEquals(before, history.pool.stats());
        assertEquals(listing, history.dev.pools());

        assertEquals(Reason.CORRUPTED, assertThrows(DmaPoolException.class, history.pool::zalloc).reason(),
                "the free list still starts at the corrupted block");
        assertEquals(before, history.pool.stats());

        // with the word put back, the pool carries on exactly as one that never saw the bad write
        history.pool.putLong(victim, write.offset, word);
        int repaired = history.dev.messages().size();
        assertEquals(twin.next(8), history.next(8));
        assertEquals(twin.pool.stats(), history.pool.stats());
        assertEquals(repaired, history.dev.messages().size(), () -> "device log: " + history.dev.messages());
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("dev.poolstress.engine.pool.PoolVariants#all")
    void shouldNotReportBlocksLeftAloneWhileFree(String lock, String algorithm) {
        History history = History.replay(lock, algorithm);
        for (long dma : new long[] {history.blocks[0], history.blocks[2], history.blocks[4]}) {
            history.pool.free(dma);
        }
        int logged = history.dev.messages().size();
        history.next(5);
        List<String> corrupted = history.dev.messages().subList(logged, history.dev.messages().size()).stream()
                .filter(line -> line.contains("corrupted")).collect(Collectors.toList());
        assertEquals(List.of(), corrupted);
    }
}
