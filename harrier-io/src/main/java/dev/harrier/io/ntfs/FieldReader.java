package dev.harrier.io.ntfs;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Little-endian reads over one NTFS structure (a USN record or an MFT FILE record) that name the
 * field they read, so a failure reports the field, its file offset, the size expected and the bytes
 * found.
 */
final class FieldReader {
    private final ByteBuffer buffer;
    private final int start;
    private final int length;
    private final long fileOffset;

    /**
     * Wraps {@code length} bytes of {@code buffer} from {@code start}, which were read from file
     * offset {@code fileOffset}.
     */
    FieldReader(ByteBuffer buffer, int start, int length, long fileOffset) {
        this.buffer = buffer.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        this.start = start;
        this.length = length;
        this.fileOffset = fileOffset;
    }

    FieldReader(byte[] bytes, long fileOffset) {
        this(ByteBuffer.wrap(bytes), 0, bytes.length, fileOffset);
    }

    int length() {
        return length;
    }

    long fileOffset() {
        return fileOffset;
    }

    int u8(int offset, String field) throws NtfsFormatException {
        check(offset, 1, field);
        return buffer.get(start + offset) & 0xff;
    }

    int u16(int offset, String field) throws NtfsFormatException {
        check(offset, 2, field);
        return buffer.getShort(start + offset) & 0xffff;
    }

    long u32(int offset, String field) throws NtfsFormatException {
        check(offset, 4, field);
        return buffer.getInt(start + offset) & 0xffffffffL;
    }

    long u64(int offset, String field) throws NtfsFormatException {
        check(offset, 8, field);
        return buffer.getLong(start + offset);
    }

    /** Reads {@code byteCount} bytes of UTF-16LE text. */
    String utf16(int offset, int byteCount, String field) throws NtfsFormatException {
        check(offset, byteCount, field);
        byte[] bytes = new byte[byteCount];
        buffer.get(start + offset, bytes);
        return new String(bytes, StandardCharsets.UTF_16LE);
    }

    void putU16(int offset, int value) {
        buffer.putShort(start + offset, (short) value);
    }

    private void check(int offset, int size, String field) throws NtfsFormatException {
        if (offset < 0 || size < 0 || offset + size > length) {
            throw new NtfsFormatException(
                    fileOffset + Math.max(offset, 0),
                    String.format(
                            "%s at offset %s: expected %d bytes inside the %d-byte structure,"
                                    + " found only %d",
                            field,
                            NtfsFormatException.hex(fileOffset + Math.max(offset, 0)),
                            size,
                            length,
                            Math.max(0, length - offset)));
        }
    }
}
