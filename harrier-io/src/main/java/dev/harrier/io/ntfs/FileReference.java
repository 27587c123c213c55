package dev.harrier.io.ntfs;

/**
 * An NTFS file reference: the MFT entry number (low 48 bits) and the sequence number (high 16 bits)
 * that distinguishes a live entry from an earlier file that used the same entry.
 *
 * @param entry the MFT entry number
 * @param sequence the sequence number the entry had when the reference was written
 */
public record FileReference(long entry, int sequence) {
    private static final long ENTRY_MASK = 0xFFFF_FFFF_FFFFL;

    /** Splits a 64-bit file reference number into entry and sequence. */
    public static FileReference of(long fileReferenceNumber) {
        return new FileReference(
                fileReferenceNumber & ENTRY_MASK, (int) (fileReferenceNumber >>> 48));
    }

    /** Returns the 64-bit file reference number. */
    public long number() {
        return ((long) sequence << 48) | entry;
    }

    /** Returns {@code entry-sequence}, the form The Sleuth Kit and MFTECmd print. */
    @Override
    public String toString() {
        return entry + "-" + sequence;
    }
}
