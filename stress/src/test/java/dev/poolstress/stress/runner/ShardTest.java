package dev.poolstress.stress.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ShardTest {
    @ParameterizedTest
    @ValueSource(strings = {"0/3", "4/3", "1/0", "a/2", "1/2/3", "2", "", "-1/2", " /2"})
    void shouldRejectMalformedShardsNamingTheAcceptedForm(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Shard.parse(text));
        assertTrue(e.getMessage().startsWith("must be I/N"), e.getMessage());
        assertTrue(e.getMessage().contains("'" + text + "'"), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource({"0, 1", "1, 1", "5, 2", "99, 4", "10, 10", "3, 7", "198, 9"})
    void shouldPartitionTheUnitsKeepingTheirOrder(int units, int count) {
        List<Integer> all = IntStream.range(0, units).boxed().toList();
        List<Integer> joined = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            joined.addAll(Shard.parse(i + "/" + count).pack(all, u -> 1 + u % 7, u -> u % 3, 6));
        }
        assertEquals(all, joined.stream().sorted().toList());
        for (int i = 1; i <= count; i++) {
            List<Integer> part = Shard.parse(i + "/" + count).pack(all, u -> 1 + u % 7, u -> u % 3, 6);
            assertEquals(part.stream().sorted().toList(), part, "a part keeps the run order");
        }
    }

    @Test
    void shouldPackTheLongestTestsFirstOntoTheLeastLoadedShard() {
        // durations 8, 7, 6, 5, 4, 3, 2, 1 in three shards, no start-up cost: LPT gives {8,3,2}, {7,4,1}, {6,5}
        List<Integer> units = List.of(8, 7, 6, 5, 4, 3, 2, 1);

        List<List<Integer>> parts = IntStream.rangeClosed(1, 3)
                .mapToObj(i -> new Shard(i, 3).pack(units, u -> u, u -> "one job", 0)).toList();

        assertEquals(List.of(List.of(8, 3, 2), List.of(7, 4, 1), List.of(6, 5)), parts);
    }

    @Test
    void shouldCountAJcstressStartUpOncePerStrategyInAShard() {
        // two strategies of two 1 s tests each, a 10 s start-up: keeping each strategy in one shard is cheaper
        List<String> units = List.of("a1", "a2", "b1", "b2");

        List<String> first = new Shard(1, 2).pack(units, u -> 1, u -> u.charAt(0), 10);
        List<String> second = new Shard(2, 2).pack(units, u -> 1, u -> u.charAt(0), 10);

        assertEquals(List.of("a1", "a2"), first);
        assertEquals(List.of("b1", "b2"), second);
    }

    @Test
    void shouldTakeTheShardFromBazelCountingFromZero() {
        assertEquals(Optional.of(new Shard(1, 3)),
                Shard.fromBazel(Map.of("TEST_SHARD_INDEX", "0", "TEST_TOTAL_SHARDS", "3")));
        assertEquals(Optional.empty(), Shard.fromBazel(Map.of()));
    }

    @ParameterizedTest
    @CsvSource({"3, 3", "-1, 3", "x, 3", "0, ''"})
    void shouldRejectAMalformedBazelShardNamingBothVariables(String index, String total) {
        Map<String, String> env = total.isEmpty() ? Map.of("TEST_SHARD_INDEX", index)
                : Map.of("TEST_SHARD_INDEX", index, "TEST_TOTAL_SHARDS", total);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Shard.fromBazel(env));
        assertTrue(e.getMessage().contains("TEST_SHARD_INDEX and TEST_TOTAL_SHARDS"), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource({"1/1, 1, 1", "2/4, 2, 4", "04/10, 4, 10"})
    void shouldParseWellFormedShards(String text, int index, int count) {
        assertEquals(new Shard(index, count), Shard.parse(text));
    }
}
