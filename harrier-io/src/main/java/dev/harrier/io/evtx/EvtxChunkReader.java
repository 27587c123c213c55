package dev.harrier.io.evtx;

import static dev.harrier.io.evtx.EvtxFormat.CHUNK_HEADER_SIZE;
import static dev.harrier.io.evtx.EvtxFormat.CHUNK_SIZE;
import static dev.harrier.io.evtx.EvtxFormat.MIN_RECORD_SIZE;
import static dev.harrier.io.evtx.EvtxFormat.RECORD_HEADER_SIZE;
import static dev.harrier.io.evtx.EvtxFormat.RECORD_SIGNATURE;

import dev.harrier.io.ReadProblem;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Reads the records of one 64 KiB chunk. Chunks are independent (each has its own string and
 * template tables), so chunks can be read on separate threads.
 *
 * <p>The record walk starts after the chunk header and follows each record's size field. It stops
 * at the chunk's free space offset (bytes past it are slack, often holding records of an older use
 * of the chunk) or at zero bytes where a record signature should be. Records before the free space
 * offset are all read, even when their EventRecordIDs go backwards. That happens when Windows
 * reuses a chunk without clearing it. A record whose EventRecordID already appeared in the chunk is
 * skipped, so a leftover never duplicates a live record.
 */
final class EvtxChunkReader {
    private static final Logger LOG = LoggerFactory.getLogger(EvtxChunkReader.class);

    private EvtxChunkReader() {}

    /** One result of a chunk, in record order: a converted record or a problem. */
    record Item<T>(T value, String locator, ReadProblem problem) {}

    /**
     * Reads the chunk in {@code chunk[0, validLength)}.
     *
     * @param chunk a buffer of {@link EvtxFormat#CHUNK_SIZE} bytes; bytes past {@code validLength}
     *     must be zero
     * @param validLength how many bytes the file holds for this chunk; less than the chunk size
     *     only for a truncated trailing chunk
     * @param fileOffset where the chunk starts in the file
     * @param path the file as the user named it, for problem reports
     * @param converter turns a parsed record into a value and its locator
     */
    static <T> List<Item<T>> read(
            byte[] chunk,
            int validLength,
            long fileOffset,
            String path,
            boolean verifyChecksums,
            Function<EvtxRecord, Item<T>> converter) {
        List<Item<T>> items = new ArrayList<>();
        try {
            readInto(items, chunk, validLength, fileOffset, path, verifyChecksums, converter);
        } catch (RuntimeException e) {
            // Record-level failures are caught per record, so this is a defect in the chunk
            // header handling. The chunk is reported and the file goes on.
            items.add(problem(path, fileOffset, "failed to read chunk: " + e, 1));
        }
        return items;
    }

    private static <T> void readInto(
            List<Item<T>> items,
            byte[] chunk,
            int validLength,
            long fileOffset,
            String path,
            boolean verifyChecksums,
            Function<EvtxRecord, Item<T>> converter) {
        boolean complete = validLength == CHUNK_SIZE;
        if (!complete) {
            if (EvtxBytes.allZero(chunk, 0, validLength)) {
                return;
            }
            items.add(
                    problem(
                            path,
                            fileOffset,
                            String.format(
                                    "incomplete trailing chunk: the file ends %d bytes into this"
                                        + " %d-byte chunk; records inside the remaining bytes are"
                                        + " still read",
                                    validLength, CHUNK_SIZE),
                            0));
            if (validLength < CHUNK_HEADER_SIZE) {
                return;
            }
        }

        EvtxChunkHeader header = EvtxChunkHeader.parse(chunk, validLength);
        if (!EvtxFormat.hasChunkMagic(chunk)) {
            if (complete && EvtxBytes.allZero(chunk, 0, validLength)) {
                return;
            }
            long lost = Math.max(1, header.declaredRecordCount());
            items.add(
                    problem(
                            path,
                            fileOffset,
                            String.format(
                                    "invalid chunk signature: expected 'ElfChnk', found %s; chunk"
                                            + " skipped",
                                    BinXmlValues.hex(chunk, 0, 8)),
                            lost));
            return;
        }

        if (verifyChecksums && complete) {
            verifyChecksums(chunk, header, fileOffset, path, items);
        }
        walkRecords(chunk, validLength, header, fileOffset, path, converter, items);
    }

    private static <T> void verifyChecksums(
            byte[] chunk,
            EvtxChunkHeader header,
            long fileOffset,
            String path,
            List<Item<T>> items) {
        int headerChecksum = EvtxChunkHeader.computeHeaderChecksum(chunk);
        if (headerChecksum != header.storedHeaderChecksum()) {
            items.add(
                    problem(
                            path,
                            fileOffset,
                            String.format(
                                    "chunk header checksum mismatch: expected 0x%08x, found 0x%08x;"
                                            + " records are still read",
                                    header.storedHeaderChecksum(), headerChecksum),
                            0));
        }
        if (header.freeSpaceOffsetValid()) {
            int dataChecksum = EvtxChunkHeader.computeDataChecksum(chunk, header.freeSpaceOffset());
            if (dataChecksum != header.storedDataChecksum()) {
                items.add(
                        problem(
                                path,
                                fileOffset,
                                String.format(
                                        "chunk event records checksum mismatch: expected 0x%08x,"
                                                + " found 0x%08x; records are still read",
                                        header.storedDataChecksum(), dataChecksum),
                                0));
            }
        }
    }

    private static <T> void walkRecords(
            byte[] chunk,
            int validLength,
            EvtxChunkHeader header,
            long fileOffset,
            String path,
            Function<EvtxRecord, Item<T>> converter,
            List<Item<T>> items) {
        int end = header.freeSpaceOffsetValid() ? header.freeSpaceOffset() : CHUNK_SIZE;
        end = Math.min(end, validLength);
        BinXmlParser parser = new BinXmlParser(chunk, validLength);
        int offset = CHUNK_HEADER_SIZE;
        long nextId = header.firstRecordId();
        RecordIdSet seenIds = new RecordIdSet();

        while (offset <= end - RECORD_HEADER_SIZE) {
            int signature = EvtxBytes.rawU32(chunk, offset);
            if (signature == 0) {
                break;
            }
            long recordOffset = fileOffset + offset;
            if (signature != RECORD_SIGNATURE) {
                // Damaged bytes leave no trustworthy next record boundary. A scan for the next
                // signature tends to land on records of an older use of the chunk whose templates
                // no longer exist, so the rest of the chunk is reported instead.
                items.add(
                        problem(
                                path,
                                recordOffset,
                                String.format(
                                        "invalid record signature: expected 2A2A0000, found %s;"
                                                + " the rest of the chunk is skipped",
                                        BinXmlValues.hex(chunk, offset, 4)),
                                remaining(header, nextId)));
                break;
            }

            long size = EvtxBytes.rawU32(chunk, offset + 4) & 0xffffffffL;
            long recordId = EvtxBytes.rawU64(chunk, offset + 8);
            long writtenTime = EvtxBytes.rawU64(chunk, offset + 16);
            String sizeProblem = null;
            if (size < MIN_RECORD_SIZE) {
                sizeProblem =
                        String.format(
                                "record %d: size %d is below the minimum of %d bytes",
                                recordId, size, MIN_RECORD_SIZE);
            } else if (size > CHUNK_SIZE - offset) {
                sizeProblem =
                        String.format(
                                "record %d: size %d runs past the end of the chunk (%d bytes left)",
                                recordId, size, CHUNK_SIZE - offset);
            } else if (size > validLength - offset) {
                sizeProblem =
                        String.format(
                                "record %d: size %d runs past the end of the file (%d bytes left)",
                                recordId, size, validLength - offset);
            }
            if (sizeProblem != null) {
                // A size that cannot be followed leaves no trustworthy next record boundary, so
                // the rest of the chunk is reported lost rather than carved.
                items.add(
                        problem(
                                path,
                                recordOffset,
                                sizeProblem + "; the rest of the chunk is skipped",
                                remaining(header, recordId)));
                break;
            }
            if (!seenIds.add(recordId)) {
                LOG.debug(
                        "{}: record {} at offset 0x{} repeats an EventRecordID of this chunk;"
                                + " skipped as a leftover",
                        path,
                        recordId,
                        Long.toHexString(recordOffset));
                offset += (int) size;
                continue;
            }

            items.add(
                    readRecord(
                            parser,
                            chunk,
                            offset,
                            (int) size,
                            recordId,
                            writtenTime,
                            recordOffset,
                            path,
                            converter));
            nextId = recordId + 1;
            offset += (int) size;
        }
    }

    private static <T> Item<T> readRecord(
            BinXmlParser parser,
            byte[] chunk,
            int offset,
            int size,
            long recordId,
            long writtenTime,
            long recordOffset,
            String path,
            Function<EvtxRecord, Item<T>> converter) {
        try {
            List<BinXmlNode> nodes =
                    parser.parseRecord(offset + RECORD_HEADER_SIZE, offset + size - 4);
            return converter.apply(new EvtxRecord(recordId, writtenTime, recordOffset, nodes));
        } catch (EvtxFormatException e) {
            return problem(
                    path,
                    recordOffset,
                    String.format(
                            "record %d: invalid binary XML at file offset 0x%x: %s",
                            recordId, recordOffset - offset + e.offset(), e.getMessage()),
                    1);
        } catch (RuntimeException e) {
            // Any other failure is a reader defect on unusual input. The record is reported and
            // the walk goes on, because one record must never end the file.
            return problem(path, recordOffset, "record " + recordId + ": failed to read: " + e, 1);
        }
    }

    /**
     * The EventRecordIDs seen in one chunk. IDs almost always ascend, so only an ID at or below the
     * maximum so far needs a search.
     */
    private static final class RecordIdSet {
        private long[] ids = new long[256];
        private int size;
        private long max = Long.MIN_VALUE;

        /** Adds {@code id}; returns false when the chunk already had it. */
        boolean add(long id) {
            if (size > 0 && id <= max) {
                for (int i = 0; i < size; i++) {
                    if (ids[i] == id) {
                        return false;
                    }
                }
            }
            if (size == ids.length) {
                ids = java.util.Arrays.copyOf(ids, size * 2);
            }
            ids[size++] = id;
            max = Math.max(max, id);
            return true;
        }
    }

    /** Estimates how many records from {@code fromId} to the chunk's last one are lost. */
    private static long remaining(EvtxChunkHeader header, long fromId) {
        if (header.declaredRecordCount() == 0
                || fromId < header.firstRecordId()
                || fromId > header.lastRecordId()) {
            return 1;
        }
        return header.lastRecordId() - fromId + 1;
    }

    static <T> Item<T> problem(String path, long fileOffset, String message, long lostRecords) {
        return new Item<>(
                null,
                null,
                new ReadProblem(
                        path,
                        location(fileOffset),
                        message,
                        (int) Math.min(Integer.MAX_VALUE, lostRecords)));
    }

    static String location(long fileOffset) {
        return "offset:0x" + Long.toHexString(fileOffset);
    }
}
