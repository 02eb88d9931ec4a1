package dev.poolstress.engine.percpu;

/**
 * A magazine (Bonwick and Adams, USENIX 2001): a bounded stack of free blocks that moves between a CPU and the
 * depot as a whole. Not thread-safe: its holder's exclusion (the CPU's irq gate, or the depot's lock) guards it.
 *
 * <p>The count and the blocks live in one array with 128 bytes of empty space at each end, because the holding CPU
 * writes the count on every operation and no other CPU's data may share that line.
 */
final class Magazine {
    private static final int GAP = 16;
    private static final int COUNT = GAP;
    private static final int FIRST = GAP + 1;

    private final long[] slots;
    private final int capacity;

    Magazine(int capacity) {
        this.capacity = capacity;
        this.slots = new long[FIRST + capacity + GAP];
    }

    int count() {
        return (int) slots[COUNT];
    }

    boolean isEmpty() {
        return slots[COUNT] == 0;
    }

    boolean isFull() {
        return slots[COUNT] == capacity;
    }

    /** The top block; the magazine must not be empty. */
    long pop() {
        int count = (int) slots[COUNT] - 1;
        slots[COUNT] = count;
        return slots[FIRST + count];
    }

    /** Adds a block on top; the magazine must not be full. */
    void push(long dma) {
        int count = (int) slots[COUNT];
        slots[FIRST + count] = dma;
        slots[COUNT] = count + 1;
    }
}
