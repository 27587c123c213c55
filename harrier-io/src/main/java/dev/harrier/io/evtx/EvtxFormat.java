package dev.harrier.io.evtx;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Sizes and signatures of the EVTX file format, and content detection. */
public final class EvtxFormat {
    /** Size of the file header block; the first chunk starts here. */
    public static final int FILE_HEADER_SIZE = 4096;

    /** Size of every chunk. */
    public static final int CHUNK_SIZE = 65536;

    /** Size of the chunk header, including its string and template offset tables. */
    public static final int CHUNK_HEADER_SIZE = 512;

    /** Size of an event record header: signature, size, EventRecordID and written time. */
    static final int RECORD_HEADER_SIZE = 24;

    /** Smallest possible record: its header plus the trailing copy of the size. */
    static final int MIN_RECORD_SIZE = 28;

    /** Signature of an event record, {@code **\0\0} read as a little-endian 32-bit value. */
    static final int RECORD_SIGNATURE = 0x00002a2a;

    static final byte[] FILE_MAGIC = "ElfFile\0".getBytes(StandardCharsets.US_ASCII);
    static final byte[] CHUNK_MAGIC = "ElfChnk\0".getBytes(StandardCharsets.US_ASCII);

    private EvtxFormat() {}

    /**
     * Returns true when {@code head} starts with the EVTX file signature {@code ElfFile\0}.
     *
     * @param head the first bytes of a file; fewer than 8 bytes never match
     */
    public static boolean looksLikeEvtx(byte[] head) {
        return head != null
                && head.length >= FILE_MAGIC.length
                && Arrays.equals(head, 0, FILE_MAGIC.length, FILE_MAGIC, 0, FILE_MAGIC.length);
    }

    static boolean hasChunkMagic(byte[] chunk) {
        return Arrays.equals(chunk, 0, CHUNK_MAGIC.length, CHUNK_MAGIC, 0, CHUNK_MAGIC.length);
    }
}
