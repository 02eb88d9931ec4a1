package dev.poolstress.stress.runner;

import java.util.List;

/**
 * One of {@code count} equal parts of the work, numbered from 1 as CI job matrices number them. The work is a list
 * of units in a fixed order; shard i takes the i-th contiguous slice, so each shard starts few jcstress runs.
 */
public record Shard(int index, int count) {
    public static final Shard WHOLE = new Shard(1, 1);

    public Shard {
        if (count < 1 || index < 1 || index > count) {
            throw new IllegalArgumentException("shard must be I/N with 1 <= I <= N, was " + index + "/" + count);
        }
    }

    /**
     * Parses {@code I/N}.
     *
     * @throws IllegalArgumentException naming the argument and the accepted form
     */
    public static Shard parse(String text) {
        String[] parts = text == null ? new String[0] : text.trim().split("/", -1);
        if (parts.length != 2 || !parts[0].matches("\\d{1,6}") || !parts[1].matches("\\d{1,6}")) {
            throw new IllegalArgumentException("--shard must be I/N with 1 <= I <= N (e.g. 2/4), was '" + text + "'");
        }
        int index = Integer.parseInt(parts[0]);
        int count = Integer.parseInt(parts[1]);
        if (count < 1 || index < 1 || index > count) {
            throw new IllegalArgumentException("--shard must be I/N with 1 <= I <= N (e.g. 2/4), was '" + text + "'");
        }
        return new Shard(index, count);
    }

    /** This shard's slice of {@code units}: all shards' slices partition the list, sizes differing by 1 at most. */
    public <T> List<T> slice(List<T> units) {
        int from = (int) ((long) units.size() * (index - 1) / count);
        int to = (int) ((long) units.size() * index / count);
        return units.subList(from, to);
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }
}
