package dev.harrier.io.evtx;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Little-endian reads from a byte array that name the field they read, so a read past the end of
 * the data fails with the field, its offset and the bytes that were left.
 */
final class EvtxBytes {
    private static final VarHandle SHORT =
            MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT =
            MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private EvtxBytes() {}

    static void require(int offset, int length, int limit, String field) {
        if (offset < 0 || length < 0 || offset > limit - length) {
            throw new EvtxFormatException(
                    offset,
                    String.format(
                            "%s at chunk offset 0x%x needs %d bytes, but only %d are left",
                            field, offset, length, Math.max(0, limit - Math.max(0, offset))));
        }
    }

    static int u8(byte[] data, int offset, int limit, String field) {
        require(offset, 1, limit, field);
        return data[offset] & 0xff;
    }

    static int u16(byte[] data, int offset, int limit, String field) {
        require(offset, 2, limit, field);
        return ((short) SHORT.get(data, offset)) & 0xffff;
    }

    /** Reads an unsigned 32-bit value as a Java int, which callers must treat as unsigned. */
    static int u32(byte[] data, int offset, int limit, String field) {
        require(offset, 4, limit, field);
        return (int) INT.get(data, offset);
    }

    static long u64(byte[] data, int offset, int limit, String field) {
        require(offset, 8, limit, field);
        return (long) LONG.get(data, offset);
    }

    /** Reads without a bounds message, for callers that checked the range already. */
    static int rawU16(byte[] data, int offset) {
        return ((short) SHORT.get(data, offset)) & 0xffff;
    }

    static int rawU32(byte[] data, int offset) {
        return (int) INT.get(data, offset);
    }

    static long rawU64(byte[] data, int offset) {
        return (long) LONG.get(data, offset);
    }

    /** Returns true when every byte in {@code [from, to)} is zero. */
    static boolean allZero(byte[] data, int from, int to) {
        int i = from;
        for (; i + 8 <= to; i += 8) {
            if (rawU64(data, i) != 0) {
                return false;
            }
        }
        for (; i < to; i++) {
            if (data[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
