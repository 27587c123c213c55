package dev.harrier.io.ntfs;

import java.time.Instant;
import java.util.List;

/**
 * One USN change journal record as stored in {@code $UsnJrnl:$J}: {@code USN_RECORD_V2}, {@code V3}
 * or {@code V4}.
 *
 * <p>V3 and V4 records carry 128-bit file identifiers. On NTFS the high 64 bits are zero and the
 * low 64 bits are the usual file reference number; on ReFS they are not, and {@link
 * #fileReference()} returns null.
 *
 * @param offset the file offset of the record in the extract
 * @param recordLength the record length in bytes, padding included
 * @param majorVersion 2, 3 or 4
 * @param minorVersion the minor version
 * @param fileIdLow the file reference number, or the low 64 bits of a 128-bit file identifier
 * @param fileIdHigh the high 64 bits of a 128-bit file identifier, 0 for V2
 * @param parentIdLow the parent directory's reference number, or the low 64 bits of its id
 * @param parentIdHigh the high 64 bits of the parent's 128-bit identifier, 0 for V2
 * @param usn the update sequence number, which is the record's offset in the whole {@code $J}
 * @param timestamp when the change was recorded, or null for V4 records, which have none
 * @param reason the reason flags ({@link UsnReason})
 * @param sourceInfo the source information flags
 * @param securityId the security identifier, or null for V4 records
 * @param fileAttributes the file attribute flags ({@link FileAttributes}), or null for V4
 * @param fileName the file name, or null for V4 records, which have none
 * @param remainingExtents the number of extents left for later V4 records, 0 otherwise
 * @param extents the changed ranges of a V4 record, empty otherwise
 */
public record UsnRecord(
        long offset,
        int recordLength,
        int majorVersion,
        int minorVersion,
        long fileIdLow,
        long fileIdHigh,
        long parentIdLow,
        long parentIdHigh,
        long usn,
        Instant timestamp,
        long reason,
        long sourceInfo,
        Long securityId,
        Long fileAttributes,
        String fileName,
        long remainingExtents,
        List<UsnExtent> extents) {

    public UsnRecord {
        extents = List.copyOf(extents);
    }

    /** Returns the file's entry and sequence, or null for a 128-bit id that is not NTFS. */
    public FileReference fileReference() {
        return fileIdHigh == 0 ? FileReference.of(fileIdLow) : null;
    }

    /** Returns the parent directory's entry and sequence, or null for a non-NTFS 128-bit id. */
    public FileReference parentReference() {
        return parentIdHigh == 0 ? FileReference.of(parentIdLow) : null;
    }

    /** Returns true when every bit of {@code flag} is set in the reason flags. */
    public boolean hasReason(int flag) {
        long mask = flag & 0xffff_ffffL;
        return (reason & mask) == mask;
    }

    /** Returns the file id in hex: 16 digits for V2, 32 digits for V3 and V4, as fsutil prints. */
    public String fileIdText() {
        return idText(fileIdHigh, fileIdLow);
    }

    /** Returns the parent's file id in hex, in the same form as {@link #fileIdText()}. */
    public String parentIdText() {
        return idText(parentIdHigh, parentIdLow);
    }

    private String idText(long high, long low) {
        String lowText = String.format("%016x", low);
        return majorVersion == 2 ? lowText : String.format("%016x", high) + lowText;
    }
}
