package dev.harrier.io.ntfs;

import java.util.Comparator;
import java.util.List;

/**
 * One parsed MFT FILE record.
 *
 * @param entryNumber the entry number, which is the record's position in the {@code $MFT}
 * @param sequenceNumber the sequence number, raised each time the entry is freed
 * @param inUse whether the entry is allocated to a file (false for a deleted entry)
 * @param directory whether the entry is a directory
 * @param hardLinkCount the number of hard links the header records
 * @param baseRecord the base entry when this is an extension record, else null
 * @param logFileSequenceNumber the {@code $LogFile} sequence number of the last change
 * @param standardInformation the {@code $STANDARD_INFORMATION} attribute, or null when missing
 * @param fileNames the {@code $FILE_NAME} attributes in record order
 */
public record MftEntry(
        long entryNumber,
        int sequenceNumber,
        boolean inUse,
        boolean directory,
        int hardLinkCount,
        FileReference baseRecord,
        long logFileSequenceNumber,
        StandardInformation standardInformation,
        List<FileNameAttribute> fileNames) {
    public MftEntry {
        fileNames = List.copyOf(fileNames);
    }

    /** Returns this entry's reference: its entry and sequence numbers. */
    public FileReference reference() {
        return new FileReference(entryNumber, sequenceNumber);
    }

    /**
     * Returns the name to show in paths: the first Win32 or Win32 &amp; DOS name, else a POSIX
     * name, else a DOS 8.3 name; null when the entry has no {@code $FILE_NAME}.
     */
    public FileNameAttribute preferredName() {
        return fileNames.stream()
                .min(Comparator.comparingInt(FileNameAttribute::preference))
                .orElse(null);
    }
}
