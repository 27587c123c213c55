package dev.harrier.io.evtx;

/**
 * A structure in an EVTX file that does not match the format. The offset is relative to the start
 * of the chunk being read (or of the file for the file header), so the reader can add the chunk's
 * file offset when it reports the problem.
 */
final class EvtxFormatException extends RuntimeException {
    private final int offset;

    EvtxFormatException(int offset, String message) {
        super(message);
        this.offset = offset;
    }

    /** Returns the chunk-relative offset of the bytes that failed to parse. */
    int offset() {
        return offset;
    }
}
