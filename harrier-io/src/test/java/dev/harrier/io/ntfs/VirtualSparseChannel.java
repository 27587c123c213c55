package dev.harrier.io.ntfs;

import java.nio.ByteBuffer;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SeekableByteChannel;

/**
 * A read-only channel over a long run of zeros followed by a few bytes, without any storage, that
 * counts the bytes it returns. Tests use it in place of a sparse {@code $J} of many gigabytes.
 */
final class VirtualSparseChannel implements SeekableByteChannel {
    private static final byte[] ZEROS = new byte[64 * 1024];

    private final long dataOffset;
    private final byte[] data;
    private long position;
    private long bytesRead;
    private boolean open = true;

    VirtualSparseChannel(long dataOffset, byte[] data) {
        this.dataOffset = dataOffset;
        this.data = data;
    }

    long bytesRead() {
        return bytesRead;
    }

    @Override
    public int read(ByteBuffer destination) {
        if (position >= size()) {
            return -1;
        }
        int count = (int) Math.min(destination.remaining(), size() - position);
        int zeros = (int) Math.max(0, Math.min(count, dataOffset - position));
        for (int written = 0; written < zeros; ) {
            int chunk = Math.min(ZEROS.length, zeros - written);
            destination.put(ZEROS, 0, chunk);
            written += chunk;
        }
        for (int i = zeros; i < count; i++) {
            destination.put(data[(int) (position + i - dataOffset)]);
        }
        position += count;
        bytesRead += count;
        return count;
    }

    @Override
    public int write(ByteBuffer source) {
        throw new NonWritableChannelException();
    }

    @Override
    public long position() {
        return position;
    }

    @Override
    public SeekableByteChannel position(long newPosition) {
        position = newPosition;
        return this;
    }

    @Override
    public long size() {
        return dataOffset + data.length;
    }

    @Override
    public SeekableByteChannel truncate(long size) {
        throw new NonWritableChannelException();
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public void close() {
        open = false;
    }
}
