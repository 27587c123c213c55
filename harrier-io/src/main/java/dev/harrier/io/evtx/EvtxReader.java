package dev.harrier.io.evtx;

import static dev.harrier.io.evtx.EvtxFormat.CHUNK_SIZE;
import static dev.harrier.io.evtx.EvtxFormat.FILE_HEADER_SIZE;

import dev.harrier.core.event.Event;
import dev.harrier.io.ReadProblem;
import dev.harrier.io.RecordSink;
import dev.harrier.io.evtx.EvtxChunkReader.Item;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Reads Windows event log (EVTX) files into {@link Event}s of shape {@code evtx}.
 *
 * <p>Every record becomes one {@link RecordSink#record} call with its EventRecordID as the locator,
 * or one {@link RecordSink#unreadable} call with the file offset in hex. A damaged chunk or record
 * never ends the read. An I/O error ends it and is reported as a problem, not thrown. The number of
 * chunks comes from the file size, not from the header, because the header of a log copied while in
 * use is often stale and its 16-bit chunk count cannot describe files over 4 GiB. File offsets are
 * 64-bit throughout.
 *
 * <p>Chunks are parsed on a shared pool of daemon threads, with at most {@link
 * EvtxReadOptions#parallelism()} chunks of one read in flight. The sink is called from the calling
 * thread in file order.
 *
 * <pre>{@code
 * EvtxReader.read(Path.of("Security.evtx"), sink);
 * }</pre>
 */
public final class EvtxReader {
    private static final Logger LOG = LoggerFactory.getLogger(EvtxReader.class);

    private static final AtomicInteger THREAD_NUMBER = new AtomicInteger();

    /**
     * Threads that parse chunks, shared by all reads so that reading many small files creates no
     * pool per file. Each read keeps at most its parallelism of chunks in flight, which bounds both
     * its threads and its memory. Idle threads end after a minute.
     */
    private static final ExecutorService CHUNK_POOL =
            Executors.newCachedThreadPool(
                    runnable -> {
                        Thread thread =
                                new Thread(
                                        runnable, "evtx-chunk-" + THREAD_NUMBER.incrementAndGet());
                        thread.setDaemon(true);
                        return thread;
                    });

    private EvtxReader() {}

    /** Reads {@code file} with {@link EvtxReadOptions#defaults()}. */
    public static void read(Path file, RecordSink sink) {
        read(file, sink, EvtxReadOptions.defaults());
    }

    /** Reads every record of {@code file} into {@code sink} and reports problems to it. */
    public static void read(Path file, RecordSink sink, EvtxReadOptions options) {
        readRecords(
                file,
                options,
                record -> {
                    Event event = EvtxEventMapper.toEvent(record);
                    return new Item<>(event, event.recordId(), null);
                },
                new ItemSink<Event>() {
                    @Override
                    public void record(Event value, String locator) {
                        sink.record(value, locator);
                    }

                    @Override
                    public void unreadable(ReadProblem problem) {
                        sink.unreadable(problem);
                    }
                });
    }

    /** Receives converted records and problems in file order. */
    interface ItemSink<T> {
        void record(T value, String locator);

        void unreadable(ReadProblem problem);
    }

    /** Reads {@code file}, converting each record with {@code converter}. */
    static <T> void readRecords(
            Path file,
            EvtxReadOptions options,
            Function<EvtxRecord, Item<T>> converter,
            ItemSink<T> sink) {
        String path = file.toString();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            EvtxReadOptions effective = readFileHeader(channel, size, path, options, sink);
            if (effective == null) {
                return;
            }
            long chunkBytes = size - FILE_HEADER_SIZE;
            long chunkCount = (chunkBytes + CHUNK_SIZE - 1) / CHUNK_SIZE;
            LOG.debug("{}: {} bytes, {} chunks", path, size, chunkCount);
            if (effective.parallelism() <= 1 || chunkCount <= 1) {
                for (long index = 0; index < chunkCount; index++) {
                    deliver(readChunk(channel, size, index, path, effective, converter), sink);
                }
            } else {
                readInParallel(channel, size, chunkCount, path, effective, converter, sink);
            }
        } catch (IOException e) {
            sink.unreadable(new ReadProblem(path, "file", "failed to read the file: " + e, 0));
        }
    }

    /**
     * Reads and checks the file header. Returns the options to read the chunks with, or null when
     * the file is not readable as EVTX (the problem has been reported).
     */
    private static <T> EvtxReadOptions readFileHeader(
            FileChannel channel, long size, String path, EvtxReadOptions options, ItemSink<T> sink)
            throws IOException {
        byte[] header = new byte[(int) Math.min(size, FILE_HEADER_SIZE)];
        readFully(channel, header, header.length, 0);
        if (header.length >= EvtxFormat.FILE_MAGIC.length && !EvtxFormat.looksLikeEvtx(header)) {
            sink.unreadable(
                    new ReadProblem(
                            path,
                            "offset:0x0",
                            String.format(
                                    "not an EVTX file: expected signature 'ElfFile' at offset 0x0,"
                                            + " found %s",
                                    BinXmlValues.hex(header, 0, 8)),
                            0));
            return null;
        }
        if (size < FILE_HEADER_SIZE) {
            sink.unreadable(
                    new ReadProblem(
                            path,
                            "offset:0x0",
                            String.format(
                                    "file of %d bytes is too short for an EVTX header (%d bytes)",
                                    size, FILE_HEADER_SIZE),
                            0));
            return null;
        }
        EvtxFileHeader fileHeader = EvtxFileHeader.parse(header);
        if (!fileHeader.hasChecksums()) {
            LOG.debug("{}: header flag 0x4 marks the file as written without checksums", path);
            return options.withVerifyChecksums(false);
        }
        if (options.verifyChecksums() && !fileHeader.checksumMatches()) {
            sink.unreadable(
                    new ReadProblem(
                            path,
                            "offset:0x0",
                            String.format(
                                    "file header checksum mismatch: expected 0x%08x, found 0x%08x;"
                                            + " records are still read",
                                    fileHeader.storedChecksum(), fileHeader.computedChecksum()),
                            0));
        }
        if (fileHeader.dirty()) {
            LOG.debug(
                    "{}: header marks the log dirty; header chunk count {} is not trusted",
                    path,
                    fileHeader.chunkCount());
        }
        return options;
    }

    private static <T> void readInParallel(
            FileChannel channel,
            long size,
            long chunkCount,
            String path,
            EvtxReadOptions options,
            Function<EvtxRecord, Item<T>> converter,
            ItemSink<T> sink)
            throws IOException {
        int maxInFlight = options.parallelism();
        ArrayDeque<Future<List<Item<T>>>> inFlight = new ArrayDeque<>(maxInFlight);
        try {
            long next = 0;
            while (next < chunkCount && inFlight.size() < maxInFlight) {
                inFlight.add(submit(channel, size, next++, path, options, converter));
            }
            while (!inFlight.isEmpty()) {
                List<Item<T>> items = await(inFlight.poll());
                if (next < chunkCount) {
                    inFlight.add(submit(channel, size, next++, path, options, converter));
                }
                deliver(items, sink);
            }
        } finally {
            for (Future<List<Item<T>>> future : inFlight) {
                future.cancel(true);
            }
        }
    }

    private static <T> Future<List<Item<T>>> submit(
            FileChannel channel,
            long size,
            long index,
            String path,
            EvtxReadOptions options,
            Function<EvtxRecord, Item<T>> converter) {
        return CHUNK_POOL.submit(() -> readChunk(channel, size, index, path, options, converter));
    }

    private static <T> List<Item<T>> await(Future<List<Item<T>>> future) throws IOException {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for a chunk to be parsed", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IllegalStateException("chunk parsing failed", e.getCause());
        }
    }

    private static <T> List<Item<T>> readChunk(
            FileChannel channel,
            long size,
            long index,
            String path,
            EvtxReadOptions options,
            Function<EvtxRecord, Item<T>> converter)
            throws IOException {
        long offset = FILE_HEADER_SIZE + index * CHUNK_SIZE;
        int validLength = (int) Math.min(CHUNK_SIZE, size - offset);
        byte[] chunk = new byte[CHUNK_SIZE];
        int read = readFully(channel, chunk, validLength, offset);
        if (read < validLength) {
            Arrays.fill(chunk, read, validLength, (byte) 0);
            validLength = read;
        }
        return EvtxChunkReader.read(
                chunk, validLength, offset, path, options.verifyChecksums(), converter);
    }

    /** Reads up to {@code length} bytes at {@code position}, fewer only at the end of the file. */
    private static int readFully(FileChannel channel, byte[] target, int length, long position)
            throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(target, 0, length);
        while (buffer.hasRemaining()) {
            int read = channel.read(buffer, position + buffer.position());
            if (read < 0) {
                break;
            }
        }
        return buffer.position();
    }

    private static <T> void deliver(List<Item<T>> items, ItemSink<T> sink) {
        for (Item<T> item : items) {
            if (item.problem() != null) {
                sink.unreadable(item.problem());
            } else {
                sink.record(item.value(), item.locator());
            }
        }
    }
}
