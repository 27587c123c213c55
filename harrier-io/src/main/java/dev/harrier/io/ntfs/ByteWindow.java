package dev.harrier.io.ntfs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SeekableByteChannel;

/**
 * A window of up to {@link #WINDOW_SIZE} bytes over a seekable file, refilled by positional reads,
 * so that a reader can parse records of a file of any size with bounded memory.
 */
final class ByteWindow {
    static final int WINDOW_SIZE = 1 << 20;

    private final SeekableByteChannel channel;
    private final long size;
    private final ByteBuffer buffer;
    private long start;
    private int filled;

    ByteWindow(SeekableByteChannel channel) throws IOException {
        this.channel = channel;
        this.size = channel.size();
        this.buffer = ByteBuffer.allocate(WINDOW_SIZE).order(ByteOrder.LITTLE_ENDIAN);
    }

    long size() {
        return size;
    }

    ByteBuffer buffer() {
        return buffer;
    }

    /**
     * Makes the bytes from {@code position} up to {@code length} bytes (or the end of the file)
     * available and returns the index of {@code position} in {@link #buffer()}.
     */
    int ensure(long position, int length) throws IOException {
        long end = Math.min(size, position + length);
        if (position >= start && end <= start + filled) {
            return (int) (position - start);
        }
        buffer.clear();
        channel.position(position);
        while (buffer.hasRemaining() && position + buffer.position() < size) {
            if (channel.read(buffer) < 0) {
                break;
            }
        }
        start = position;
        filled = buffer.position();
        return 0;
    }

    /** Returns how many bytes from {@code position} are in the window. */
    int available(long position) {
        return (int) Math.max(0, start + filled - position);
    }

    /** Returns a reader over up to {@code length} bytes from {@code position}. */
    FieldReader reader(long position, int length) throws IOException {
        int index = ensure(position, length);
        int available = Math.min(length, available(position));
        return new FieldReader(buffer, index, available, position);
    }

    /**
     * Returns the position of the first 8-byte word at or after {@code position} that is not zero,
     * stepping over zero words a window at a time. When there is none, returns the first position
     * with fewer than 8 bytes left. Positions stay on the 8-byte grid of {@code position}.
     */
    long nextNonZeroWord(long position) throws IOException {
        long current = position;
        while (current + 8 <= size) {
            int index = ensure(current, 8);
            int words = available(current) / 8;
            for (int i = 0; i < words; i++) {
                if (buffer.getLong(index + i * 8) != 0) {
                    return current + i * 8L;
                }
            }
            current += words * 8L;
            if (words == 0) {
                break;
            }
        }
        return current;
    }

    /**
     * Reads {@code length} bytes at {@code position} into a fresh array without moving the window.
     */
    byte[] readSmall(long position, int length) throws IOException {
        int count = (int) Math.max(0, Math.min(length, size - position));
        ByteBuffer small = ByteBuffer.allocate(count);
        channel.position(position);
        while (small.hasRemaining()) {
            if (channel.read(small) < 0) {
                break;
            }
        }
        return small.array();
    }
}
