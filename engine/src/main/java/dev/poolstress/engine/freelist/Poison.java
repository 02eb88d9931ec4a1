package dev.poolstress.engine.freelist;

import java.nio.ByteBuffer;

/** The kernel's pool poison bytes ({@code include/linux/poison.h}) and the fills that write them. */
public final class Poison {
    /** {@code POOL_POISON_FREED}: written over a block when it is freed, checked when it is allocated. */
    public static final byte FREED = (byte) 0xa7;
    /** {@code POOL_POISON_ALLOCATED}: written over a block when it is allocated. */
    public static final byte ALLOCATED = (byte) 0xa9;

    private Poison() {
    }

    /** Fills {@code length} bytes from {@code offset} with {@code value}, eight at a time where it can. */
    public static void fill(ByteBuffer memory, int offset, int length, byte value) {
        long pattern = (value & 0xffL) * 0x0101010101010101L;
        int end = offset + length;
        int i = offset;
        for (; i + Long.BYTES <= end; i += Long.BYTES) {
            memory.putLong(i, pattern);
        }
        for (; i < end; i++) {
            memory.put(i, value);
        }
    }

    /** The offset of the first byte in {@code [from, to)} that is not {@code value}, or -1. */
    public static int firstMismatch(ByteBuffer memory, int from, int to, byte value) {
        for (int i = from; i < to; i++) {
            if (memory.get(i) != value) {
                return i;
            }
        }
        return -1;
    }
}
