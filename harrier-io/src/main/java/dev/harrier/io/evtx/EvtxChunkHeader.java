package dev.harrier.io.evtx;

import static dev.harrier.io.evtx.EvtxBytes.u32;
import static dev.harrier.io.evtx.EvtxBytes.u64;

import java.util.zip.CRC32;

/**
 * The fields of a chunk's 512-byte header. Offsets are relative to the start of the chunk.
 *
 * <p>The string and template offset tables that follow the fixed fields are not read: the reader
 * resolves names and templates by the offsets the records carry, which reach every entry the tables
 * would.
 */
record EvtxChunkHeader(
        long firstRecordNumber,
        long lastRecordNumber,
        long firstRecordId,
        long lastRecordId,
        int headerSize,
        int lastRecordOffset,
        int freeSpaceOffset,
        int storedDataChecksum,
        int storedHeaderChecksum) {

    static EvtxChunkHeader parse(byte[] chunk, int limit) {
        return new EvtxChunkHeader(
                u64(chunk, 8, limit, "chunk.firstRecordNumber"),
                u64(chunk, 16, limit, "chunk.lastRecordNumber"),
                u64(chunk, 24, limit, "chunk.firstRecordId"),
                u64(chunk, 32, limit, "chunk.lastRecordId"),
                u32(chunk, 40, limit, "chunk.headerSize"),
                u32(chunk, 44, limit, "chunk.lastRecordOffset"),
                u32(chunk, 48, limit, "chunk.freeSpaceOffset"),
                u32(chunk, 52, limit, "chunk.dataChecksum"),
                u32(chunk, 124, limit, "chunk.headerChecksum"));
    }

    /** Computes the header checksum: CRC32 of bytes 0-119 and 128-511. */
    static int computeHeaderChecksum(byte[] chunk) {
        CRC32 crc = new CRC32();
        crc.update(chunk, 0, 120);
        crc.update(chunk, 128, EvtxFormat.CHUNK_HEADER_SIZE - 128);
        return (int) crc.getValue();
    }

    /** Computes the CRC32 of the event records, from the end of the header to {@code end}. */
    static int computeDataChecksum(byte[] chunk, int end) {
        CRC32 crc = new CRC32();
        crc.update(chunk, EvtxFormat.CHUNK_HEADER_SIZE, end - EvtxFormat.CHUNK_HEADER_SIZE);
        return (int) crc.getValue();
    }

    /** Returns true when the free space offset lies inside the chunk's record area. */
    boolean freeSpaceOffsetValid() {
        return freeSpaceOffset >= EvtxFormat.CHUNK_HEADER_SIZE
                && freeSpaceOffset <= EvtxFormat.CHUNK_SIZE;
    }

    /**
     * Estimates how many records the chunk contains from its first and last EventRecordID, or
     * returns 0 when the IDs are not plausible.
     */
    long declaredRecordCount() {
        long count = lastRecordId - firstRecordId + 1;
        long maxRecords =
                (EvtxFormat.CHUNK_SIZE - EvtxFormat.CHUNK_HEADER_SIZE) / EvtxFormat.MIN_RECORD_SIZE;
        return count > 0 && count <= maxRecords ? count : 0;
    }
}
