package dev.harrier.io.ntfs;

import static dev.harrier.io.ntfs.NtfsFormatException.hex;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses one USN record from its bytes. The checks are strict (lengths, name offset, padding,
 * extent size) because the reader also uses them to find the next record after damaged bytes.
 */
final class UsnRecordParser {
    /**
     * The largest record accepted, one 4096-byte journal page. The longest V2 record (a name of 255
     * UTF-16 units) is 576 bytes, and a page fits a V4 record with 252 extents.
     */
    static final int MAX_RECORD_LENGTH = 4096;

    private static final int V2_NAME_OFFSET = 60;
    private static final int V3_NAME_OFFSET = 76;
    private static final int V4_EXTENTS_OFFSET = 64;
    private static final int V4_EXTENT_SIZE = 16;

    private UsnRecordParser() {}

    /**
     * Parses the record at the start of {@code bytes}, which contains every byte up to the end of
     * the file or {@link #MAX_RECORD_LENGTH} bytes, whichever is less.
     */
    static UsnRecord parse(FieldReader bytes) throws NtfsFormatException {
        long offset = bytes.fileOffset();
        long recordLength = bytes.u32(0, "RecordLength");
        int major = bytes.u16(4, "MajorVersion");
        int minor = bytes.u16(6, "MinorVersion");
        if (major < 2 || major > 4) {
            throw new NtfsFormatException(
                    offset + 4,
                    "MajorVersion at offset "
                            + hex(offset + 4)
                            + ": expected 2, 3 or 4, found "
                            + major);
        }
        int minLength = minimumLength(major);
        if (recordLength < minLength || recordLength > MAX_RECORD_LENGTH || recordLength % 8 != 0) {
            throw new NtfsFormatException(
                    offset,
                    String.format(
                            "RecordLength at offset %s: expected a multiple of 8 from %d to %d"
                                    + " for a version %d record, found %d",
                            hex(offset), minLength, MAX_RECORD_LENGTH, major, recordLength));
        }
        if (recordLength > bytes.length()) {
            throw new NtfsFormatException(
                    offset,
                    String.format(
                            "RecordLength at offset %s: the %d-byte record runs past the end of"
                                    + " the file, which has %d bytes left",
                            hex(offset), recordLength, bytes.length()));
        }
        int length = (int) recordLength;
        return major == 4
                ? parseV4(bytes, length, minor)
                : parseV2OrV3(bytes, length, major, minor);
    }

    /**
     * Returns the fixed part of a record: 60 bytes for V2, 76 for V3, 80 for V4 with one extent.
     */
    private static int minimumLength(int major) {
        if (major == 2) {
            return V2_NAME_OFFSET;
        }
        if (major == 3) {
            return V3_NAME_OFFSET;
        }
        return V4_EXTENTS_OFFSET + V4_EXTENT_SIZE;
    }

    private static UsnRecord parseV2OrV3(FieldReader bytes, int length, int major, int minor)
            throws NtfsFormatException {
        boolean v2 = major == 2;
        int base = v2 ? 24 : 40;
        long fileLow = bytes.u64(8, "FileReferenceNumber");
        long fileHigh = v2 ? 0 : bytes.u64(16, "FileReferenceNumber.high");
        long parentLow = bytes.u64(v2 ? 16 : 24, "ParentFileReferenceNumber");
        long parentHigh = v2 ? 0 : bytes.u64(32, "ParentFileReferenceNumber.high");
        long usn = bytes.u64(base, "Usn");
        long timestamp = bytes.u64(base + 8, "TimeStamp");
        long reason = bytes.u32(base + 16, "Reason");
        long sourceInfo = bytes.u32(base + 20, "SourceInfo");
        long securityId = bytes.u32(base + 24, "SecurityId");
        long attributes = bytes.u32(base + 28, "FileAttributes");
        int nameLength = bytes.u16(base + 32, "FileNameLength");
        int nameOffset = bytes.u16(base + 34, "FileNameOffset");

        int expectedOffset = v2 ? V2_NAME_OFFSET : V3_NAME_OFFSET;
        long offset = bytes.fileOffset();
        if (nameOffset != expectedOffset) {
            throw new NtfsFormatException(
                    offset + base + 34,
                    String.format(
                            "FileNameOffset at offset %s: expected %d, found %d",
                            hex(offset + base + 34), expectedOffset, nameOffset));
        }
        int nameEnd = nameOffset + nameLength;
        if (nameLength % 2 != 0 || nameEnd > length || length - nameEnd >= 8) {
            throw new NtfsFormatException(
                    offset + base + 32,
                    String.format(
                            "FileNameLength at offset %s: expected an even length that fills the"
                                    + " %d-byte record up to its 8-byte padding, found %d",
                            hex(offset + base + 32), length, nameLength));
        }
        String name = bytes.utf16(nameOffset, nameLength, "FileName");
        return new UsnRecord(
                offset,
                length,
                major,
                minor,
                fileLow,
                fileHigh,
                parentLow,
                parentHigh,
                usn,
                Filetime.toInstant(timestamp),
                reason,
                sourceInfo,
                securityId,
                attributes,
                name,
                0,
                List.of());
    }

    private static UsnRecord parseV4(FieldReader bytes, int length, int minor)
            throws NtfsFormatException {
        long offset = bytes.fileOffset();
        long fileLow = bytes.u64(8, "FileReferenceNumber");
        long fileHigh = bytes.u64(16, "FileReferenceNumber.high");
        long parentLow = bytes.u64(24, "ParentFileReferenceNumber");
        long parentHigh = bytes.u64(32, "ParentFileReferenceNumber.high");
        long usn = bytes.u64(40, "Usn");
        long reason = bytes.u32(48, "Reason");
        long sourceInfo = bytes.u32(52, "SourceInfo");
        long remaining = bytes.u32(56, "RemainingExtents");
        int extentCount = bytes.u16(60, "NumberOfExtents");
        int extentSize = bytes.u16(62, "ExtentSize");
        if (extentSize != V4_EXTENT_SIZE) {
            throw new NtfsFormatException(
                    offset + 62,
                    "ExtentSize at offset "
                            + hex(offset + 62)
                            + ": expected 16, found "
                            + extentSize);
        }
        int extentsEnd = V4_EXTENTS_OFFSET + extentCount * V4_EXTENT_SIZE;
        if (extentCount == 0 || extentsEnd > length || length - extentsEnd >= 8) {
            throw new NtfsFormatException(
                    offset + 60,
                    String.format(
                            "NumberOfExtents at offset %s: expected 1 or more extents that fill"
                                    + " the %d-byte record, found %d",
                            hex(offset + 60), length, extentCount));
        }
        List<UsnExtent> extents = new ArrayList<>(extentCount);
        for (int i = 0; i < extentCount; i++) {
            int at = V4_EXTENTS_OFFSET + i * V4_EXTENT_SIZE;
            extents.add(
                    new UsnExtent(
                            bytes.u64(at, "Extent.Offset"), bytes.u64(at + 8, "Extent.Length")));
        }
        return new UsnRecord(
                offset,
                length,
                4,
                minor,
                fileLow,
                fileHigh,
                parentLow,
                parentHigh,
                usn,
                null,
                reason,
                sourceInfo,
                null,
                null,
                null,
                remaining,
                extents);
    }
}
