package dev.harrier.io.ntfs;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Builds USN records byte by byte, as the layout of {@code USN_RECORD_V2} gives them. */
final class UsnTestRecords {
    /** 2021-12-04T21:19:16Z as a FILETIME. */
    static final long FILETIME = 132831263560000000L;

    private UsnTestRecords() {}

    static byte[] v2(long usn, long fileReference, long parentReference, int reason, String name) {
        byte[] nameBytes = name.getBytes(StandardCharsets.UTF_16LE);
        int length = (60 + nameBytes.length + 7) / 8 * 8;
        ByteBuffer record = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        record.putInt(0, length);
        record.putShort(4, (short) 2);
        record.putShort(6, (short) 0);
        record.putLong(8, fileReference);
        record.putLong(16, parentReference);
        record.putLong(24, usn);
        record.putLong(32, FILETIME);
        record.putInt(40, reason);
        record.putInt(52, 0x20);
        record.putShort(56, (short) nameBytes.length);
        record.putShort(58, (short) 60);
        record.put(60, nameBytes);
        return record.array();
    }

    static long reference(long entry, int sequence) {
        return new FileReference(entry, sequence).number();
    }

    /** Concatenates byte arrays. */
    static byte[] concat(byte[]... parts) {
        int total = 0;
        for (byte[] part : parts) {
            total += part.length;
        }
        ByteBuffer all = ByteBuffer.allocate(total);
        for (byte[] part : parts) {
            all.put(part);
        }
        return all.array();
    }
}
