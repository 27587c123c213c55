package dev.harrier.io.ntfs;

import static dev.harrier.io.ntfs.NtfsFormatException.hex;

import dev.harrier.io.ReadProblem;
import dev.harrier.io.RecordSink;

import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;

/**
 * Reads a raw {@code $Extend\$UsnJrnl:$J} extract: {@code USN_RECORD_V2}, {@code V3} and {@code V4}
 * records, 8-byte aligned, little-endian.
 *
 * <p>The caller picks the view: {@link #read} turns every record into an event of shape {@value
 * UsnEvents#SHAPE} (for {@code dump}), {@link #readCreations} collapses the records of each file
 * creation into one event of shape {@value UsnEvents#CREATION_SHAPE} (for hunting), and {@link
 * #readRecords} hands over the parsed records.
 *
 * <p>{@code $J} is a sparse stream: an extract starts with a run of zeros as long as the part of
 * the journal already freed, often gigabytes. The reader probes the leading run one 4 KiB page per
 * MiB and scans only the last MiB before the data, so the zeros are mostly never read. Zero words
 * between records (the zero-filled tail of a journal page) are skipped 8 bytes at a time within an
 * in-memory window. Damaged bytes are reported once per damaged run, with the offset of its first
 * byte and the error found there, and reading resumes at the next 8-byte position where a valid
 * record starts.
 */
public final class UsnJournalReader {
    /** The distance between probes of the leading zero run. */
    static final int PROBE_STRIDE = 1 << 20;

    /** The bytes read at each probe: one journal page, which contains a record when in use. */
    static final int PROBE_LENGTH = 4096;

    private static final Logger LOG = LoggerFactory.getLogger(UsnJournalReader.class);

    private final NtfsPathResolver resolver;

    /**
     * Creates a reader that resolves parent directories with {@code resolver}: one built from the
     * volume's {@code $MFT} ({@link MftIndex#pathResolver}) or {@link NtfsPathResolver#withoutMft}.
     */
    public UsnJournalReader(NtfsPathResolver resolver) {
        this.resolver = Objects.requireNonNull(resolver, "resolver");
    }

    /** Sends every record of {@code file} to {@code sink} as an event, locator {@code usn:N}. */
    public void read(Path file, RecordSink sink) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            read(channel, file.toString(), sink);
        }
    }

    /**
     * Sends every record of {@code channel} to {@code sink} as an event, locator {@code usn:N}.
     *
     * @param path the file name to put in read problems
     */
    public void read(SeekableByteChannel channel, String path, RecordSink sink)
            throws IOException {
        readRecords(
                channel,
                path,
                new UsnRecordHandler() {
                    @Override
                    public void record(UsnRecord record) {
                        sink.record(
                                UsnEvents.recordEvent(record, resolver), UsnEvents.locator(record));
                    }

                    @Override
                    public void unreadable(ReadProblem problem) {
                        sink.unreadable(problem);
                    }
                });
    }

    /**
     * Sends one event per file creation in {@code file} to {@code sink}, as {@link
     * UsnFileCreations} describes.
     */
    public void readCreations(Path file, RecordSink sink) throws IOException {
        readRecords(file, new UsnFileCreations(resolver, sink));
    }

    /**
     * Sends one event per file creation in {@code channel} to {@code sink}.
     *
     * @param path the file name to put in read problems
     */
    public void readCreations(SeekableByteChannel channel, String path, RecordSink sink)
            throws IOException {
        readRecords(channel, path, new UsnFileCreations(resolver, sink));
    }

    /** Sends the parsed records of {@code file} to {@code handler}, then calls its {@code end}. */
    public void readRecords(Path file, UsnRecordHandler handler) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            readRecords(channel, file.toString(), handler);
        }
    }

    /**
     * Sends the parsed records of {@code channel} to {@code handler}, then calls its {@code end}.
     *
     * @param path the file name to put in read problems
     */
    public void readRecords(SeekableByteChannel channel, String path, UsnRecordHandler handler)
            throws IOException {
        ByteWindow window = new ByteWindow(channel);
        long size = window.size();
        long position = skipLeadingZeros(window);
        if (position > 0) {
            LOG.debug("Skipped {} leading zero bytes of {}", position, path);
        }
        DamagedRun damaged = null;
        while (position + 8 <= size) {
            long next = window.nextNonZeroWord(position);
            if (next != position) {
                position = next;
                continue;
            }
            FieldReader bytes = window.reader(position, UsnRecordParser.MAX_RECORD_LENGTH);
            try {
                UsnRecord record = UsnRecordParser.parse(bytes);
                if (damaged != null) {
                    handler.unreadable(damaged.toProblem(path, position));
                    damaged = null;
                }
                handler.record(record);
                position += record.recordLength();
            } catch (NtfsFormatException e) {
                if (damaged == null) {
                    damaged = new DamagedRun(position, e.getMessage());
                }
                position += 8;
            }
        }
        if (damaged != null) {
            handler.unreadable(damaged.toProblem(path, Math.min(position, size)));
        } else if (position < size
                && !allZero(window.readSmall(position, (int) (size - position)))) {
            handler.unreadable(
                    new ReadProblem(
                            path,
                            "offset:" + hex(position),
                            String.format(
                                    "%d trailing bytes are too short for a USN record",
                                    size - position),
                            0));
        }
        handler.end();
    }

    /**
     * Returns true when {@code file} starts, after any run of zeros, with a valid USN record. Reads
     * one page per MiB of leading zeros plus at most the last MiB before the data.
     */
    public static boolean looksLikeUsn(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteWindow window = new ByteWindow(channel);
            long first = window.nextNonZeroWord(skipLeadingZeros(window));
            if (first + 8 > window.size()) {
                return false;
            }
            return isRecordAt(window.reader(first, UsnRecordParser.MAX_RECORD_LENGTH));
        }
    }

    /**
     * Returns true when the first {@code length} bytes of a file, after any zero words, start with
     * a valid USN record. A head that is all zeros returns false, although a sparse {@code $J} can
     * start that way: use {@link #looksLikeUsn(Path)} to see past the zeros.
     */
    public static boolean looksLikeUsn(byte[] head, int length) {
        for (int position = 0; position + 8 <= length; position += 8) {
            boolean zeroWord = true;
            for (int i = 0; i < 8; i++) {
                zeroWord &= head[position + i] == 0;
            }
            if (!zeroWord) {
                byte[] rest = Arrays.copyOfRange(head, position, length);
                return isRecordAt(new FieldReader(rest, position));
            }
        }
        return false;
    }

    private static boolean isRecordAt(FieldReader bytes) {
        try {
            UsnRecordParser.parse(bytes);
            return true;
        } catch (NtfsFormatException e) {
            return false;
        }
    }

    /**
     * Returns the position from which to scan: the end of the last all-zero probe before the first
     * probe that contains data. This relies on the journal's live records being contiguous up to
     * the end of the stream, as they are in {@code $J}, where only the oldest part is ever freed.
     */
    private static long skipLeadingZeros(ByteWindow window) throws IOException {
        long size = window.size();
        long resume = 0;
        for (long probe = 0; probe + PROBE_LENGTH <= size; probe += PROBE_STRIDE) {
            if (!allZero(window.readSmall(probe, PROBE_LENGTH))) {
                return resume;
            }
            resume = probe + PROBE_LENGTH;
        }
        return resume;
    }

    private static boolean allZero(byte[] bytes) {
        for (byte b : bytes) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    /** A run of bytes where no valid record starts, from its first byte and first error. */
    private record DamagedRun(long start, String firstError) {
        ReadProblem toProblem(String path, long end) {
            return new ReadProblem(
                    path,
                    "offset:" + hex(start),
                    String.format(
                            "%s; skipped %d bytes up to offset %s, where the next valid record"
                                    + " or the end of the file is",
                            firstError, end - start, hex(end)),
                    1);
        }
    }
}
