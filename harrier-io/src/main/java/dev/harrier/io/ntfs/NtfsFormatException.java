package dev.harrier.io.ntfs;

/**
 * A structure in an NTFS artefact that does not have the expected layout. The message names the
 * field, its file offset in hex, what was expected and what was found.
 */
public final class NtfsFormatException extends Exception {
    private final long offset;

    NtfsFormatException(long offset, String message) {
        super(message);
        this.offset = offset;
    }

    /** Returns the file offset of the field that failed to read. */
    public long offset() {
        return offset;
    }

    static String hex(long value) {
        return "0x" + Long.toHexString(value);
    }
}
