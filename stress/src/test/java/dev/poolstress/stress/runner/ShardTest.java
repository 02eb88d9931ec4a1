package dev.poolstress.stress.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ShardTest {
    @ParameterizedTest
    @ValueSource(strings = {"0/3", "4/3", "1/0", "a/2", "1/2/3", "2", "", "-1/2", " /2"})
    void shouldRejectMalformedShardsNamingTheOption(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Shard.parse(text));
        assertTrue(e.getMessage().startsWith("--shard must be I/N"), e.getMessage());
        assertTrue(e.getMessage().contains("'" + text + "'"), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource({"0, 1", "1, 1", "5, 2", "99, 4", "10, 10", "3, 7", "198, 9"})
    void shouldPartitionTheUnitsIntoNearlyEqualSlices(int units, int count) {
        List<Integer> all = IntStream.range(0, units).boxed().toList();
        List<Integer> joined = new ArrayList<>();
        int smallest = Integer.MAX_VALUE;
        int largest = 0;
        for (int i = 1; i <= count; i++) {
            List<Integer> slice = Shard.parse(i + "/" + count).slice(all);
            joined.addAll(slice);
            smallest = Math.min(smallest, slice.size());
            largest = Math.max(largest, slice.size());
        }
        assertEquals(all, joined);
        assertTrue(largest - smallest <= 1, "sizes from " + smallest + " to " + largest);
    }

    @ParameterizedTest
    @CsvSource({"1/1, 1, 1", "2/4, 2, 4", "04/10, 4, 10"})
    void shouldParseWellFormedShards(String text, int index, int count) {
        assertEquals(new Shard(index, count), Shard.parse(text));
    }
}
