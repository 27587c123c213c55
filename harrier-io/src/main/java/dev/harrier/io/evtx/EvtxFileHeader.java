package dev.harrier.io.evtx;

import static dev.harrier.io.evtx.EvtxBytes.u16;
import static dev.harrier.io.evtx.EvtxBytes.u32;
import static dev.harrier.io.evtx.EvtxBytes.u64;

import java.util.zip.CRC32;

/**
 * The fields of the 4096-byte EVTX file header that the reader uses.
 *
 * <p>The header is advisory only: Windows updates it lazily, so a file copied while the log was
 * open (flag {@link #FLAG_DIRTY}) often has a stale chunk count and next record number. The reader
 * derives the number of chunks from the file size instead of {@link #chunkCount()}, which is a
 * 16-bit field and cannot count more than 65535 chunks anyway.
 */
record EvtxFileHeader(
        long firstChunkNumber,
        long lastChunkNumber,
        long nextRecordId,
        int minorVersion,
        int majorVersion,
        int chunkCount,
        int flags,
        int storedChecksum,
        int computedChecksum) {
    static final int FLAG_DIRTY = 0x1;
    static final int FLAG_FULL = 0x2;

    /** Set when the writer stored no CRC32 values, so the checksum fields are zero. */
    static final int FLAG_NO_CRC32 = 0x4;

    /** Bytes covered by the header checksum: everything before the flags field. */
    private static final int CHECKSUMMED_LENGTH = 120;

    static EvtxFileHeader parse(byte[] data) {
        int limit = data.length;
        CRC32 crc = new CRC32();
        crc.update(data, 0, Math.min(CHECKSUMMED_LENGTH, limit));
        return new EvtxFileHeader(
                u64(data, 8, limit, "fileHeader.firstChunkNumber"),
                u64(data, 16, limit, "fileHeader.lastChunkNumber"),
                u64(data, 24, limit, "fileHeader.nextRecordId"),
                u16(data, 36, limit, "fileHeader.minorVersion"),
                u16(data, 38, limit, "fileHeader.majorVersion"),
                u16(data, 42, limit, "fileHeader.chunkCount"),
                u32(data, 120, limit, "fileHeader.flags"),
                u32(data, 124, limit, "fileHeader.checksum"),
                (int) crc.getValue());
    }

    boolean checksumMatches() {
        return storedChecksum == computedChecksum;
    }

    boolean hasChecksums() {
        return (flags & FLAG_NO_CRC32) == 0;
    }

    boolean dirty() {
        return (flags & FLAG_DIRTY) != 0;
    }
}
