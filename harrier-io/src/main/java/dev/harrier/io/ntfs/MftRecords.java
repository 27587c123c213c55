package dev.harrier.io.ntfs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Walks the fixed-size FILE records of an {@code $MFT} extract in entry order. */
final class MftRecords {
    /**
     * The record size of almost every NTFS volume, used when the first record has no valid size.
     */
    static final int DEFAULT_RECORD_SIZE = 1024;

    private static final int MIN_RECORD_SIZE = 256;
    private static final int MAX_RECORD_SIZE = 65536;

    /** Receives one record's bytes, which it may change. */
    interface RecordConsumer {
        void accept(long entryNumber, long fileOffset, byte[] record) throws IOException;
    }

    private MftRecords() {}

    /**
     * Returns the record size from the allocated-size field of the first record when that record is
     * a FILE record with a power-of-two size from 256 to 65536, else {@link #DEFAULT_RECORD_SIZE}.
     */
    static int recordSize(FileChannel channel) throws IOException {
        ByteBuffer head = ByteBuffer.allocate(32).order(ByteOrder.LITTLE_ENDIAN);
        channel.read(head, 0);
        if (head.position() < 32
                || (head.getInt(0) & 0xffffffffL) != MftRecordParser.FILE_SIGNATURE) {
            return DEFAULT_RECORD_SIZE;
        }
        int allocated = head.getInt(28);
        boolean valid =
                allocated >= MIN_RECORD_SIZE
                        && allocated <= MAX_RECORD_SIZE
                        && Integer.bitCount(allocated) == 1;
        return valid ? allocated : DEFAULT_RECORD_SIZE;
    }

    /** Calls {@code consumer} for each whole record of {@code file} and returns the record size. */
    static int forEach(Path file, RecordConsumer consumer) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            int recordSize = recordSize(channel);
            int perBatch = Math.max(1, ByteWindow.WINDOW_SIZE / recordSize);
            ByteBuffer batch = ByteBuffer.allocate(perBatch * recordSize);
            long size = channel.size();
            long entry = 0;
            for (long offset = 0; offset + recordSize <= size; ) {
                batch.clear();
                while (batch.hasRemaining() && channel.read(batch, offset + batch.position()) > 0) {
                    // Fill the batch; a short read only happens at the end of the file.
                }
                int records = batch.position() / recordSize;
                for (int i = 0; i < records; i++) {
                    byte[] record = new byte[recordSize];
                    batch.get(i * recordSize, record);
                    consumer.accept(entry, offset, record);
                    entry++;
                    offset += recordSize;
                }
                if (records == 0) {
                    break;
                }
            }
            return recordSize;
        }
    }
}
