package dev.harrier.io.ntfs;

import static dev.harrier.io.ntfs.NtfsFormatException.hex;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses one MFT FILE record: applies the update sequence fixups, then reads the header, the {@code
 * $STANDARD_INFORMATION} and every {@code $FILE_NAME} attribute. The header follows Microsoft's
 * {@code FILE_RECORD_SEGMENT_HEADER} and {@code MULTI_SECTOR_HEADER} notes for NTFS 3.x, which put
 * the fixup stride at 512 bytes whatever the sector size.
 */
final class MftRecordParser {
    /** "FILE" read as a little-endian 32-bit integer. */
    static final long FILE_SIGNATURE = 0x454c4946L;

    /** "BAAD": the signature NTFS writes over a record whose fixups failed when it was read. */
    static final long BAAD_SIGNATURE = 0x44414142L;

    private static final int MIN_SECTOR_SIZE = 256;
    private static final long ATTRIBUTE_END = 0xffffffffL;
    private static final long STANDARD_INFORMATION = 0x10;
    private static final long FILE_NAME = 0x30;
    private static final int FLAG_IN_USE = 0x1;
    private static final int FLAG_DIRECTORY = 0x2;

    private MftRecordParser() {}

    /**
     * Parses the record in {@code bytes}, applying its fixups in place, or returns null for a
     * record that is all zeros (an entry never used).
     */
    static MftEntry parse(byte[] bytes, long entryNumber, long fileOffset)
            throws NtfsFormatException {
        FieldReader record = new FieldReader(bytes, fileOffset);
        long signature = record.u32(0, "signature");
        if (signature != FILE_SIGNATURE) {
            if (signature == 0 && isAllZero(bytes)) {
                return null;
            }
            String found =
                    signature == BAAD_SIGNATURE ? "BAAD (marked damaged by NTFS)" : hex(signature);
            throw new NtfsFormatException(
                    fileOffset,
                    "signature of entry "
                            + entryNumber
                            + " at offset "
                            + hex(fileOffset)
                            + ": expected FILE, found "
                            + found);
        }
        applyFixups(record, entryNumber);

        long logFileSequence = record.u64(8, "LogFileSequenceNumber");
        int sequence = record.u16(16, "SequenceNumber");
        int linkCount = record.u16(18, "HardLinkCount");
        int firstAttribute = record.u16(20, "FirstAttributeOffset");
        int flags = record.u16(22, "Flags");
        long usedSize = record.u32(24, "UsedSize");
        long baseReference = record.u64(32, "BaseRecordReference");

        StandardInformation standardInformation = null;
        List<FileNameAttribute> names = new ArrayList<>();
        long end = Math.min(usedSize, record.length());
        int position = firstAttribute;
        while (position + 8 <= end) {
            long type = record.u32(position, "Attribute.Type");
            if (type == ATTRIBUTE_END) {
                break;
            }
            long length = record.u32(position + 4, "Attribute.Length");
            if (length < 16 || length % 8 != 0 || position + length > record.length()) {
                throw new NtfsFormatException(
                        fileOffset + position + 4,
                        String.format(
                                "Attribute.Length of entry %d at offset %s: expected a multiple of"
                                        + " 8 from 16 to %d, found %d",
                                entryNumber,
                                hex(fileOffset + position + 4),
                                record.length() - position,
                                length));
            }
            boolean resident = record.u8(position + 8, "Attribute.NonResidentFlag") == 0;
            int nameLength = record.u8(position + 9, "Attribute.NameLength");
            if (resident
                    && nameLength == 0
                    && (type == STANDARD_INFORMATION || type == FILE_NAME)) {
                int contentSize = (int) record.u32(position + 16, "Attribute.ContentSize");
                int contentOffset = record.u16(position + 20, "Attribute.ContentOffset");
                if (contentOffset + (long) contentSize > length) {
                    throw new NtfsFormatException(
                            fileOffset + position + 16,
                            String.format(
                                    "Attribute.ContentSize of entry %d at offset %s: expected at"
                                            + " most %d bytes, found %d",
                                    entryNumber,
                                    hex(fileOffset + position + 16),
                                    length - contentOffset,
                                    contentSize));
                }
                int content = position + contentOffset;
                if (type == STANDARD_INFORMATION && standardInformation == null) {
                    standardInformation = readStandardInformation(record, content);
                } else if (type == FILE_NAME) {
                    names.add(readFileName(record, content));
                }
            }
            position += (int) length;
        }
        FileReference base = baseReference == 0 ? null : FileReference.of(baseReference);
        return new MftEntry(
                entryNumber,
                sequence,
                (flags & FLAG_IN_USE) != 0,
                (flags & FLAG_DIRECTORY) != 0,
                linkCount,
                base,
                logFileSequence,
                standardInformation,
                names);
    }

    /**
     * Checks that the last two bytes of each 512-byte stride contain the update sequence number,
     * then puts back the original bytes from the update sequence array. Other power-of-two strides
     * are accepted too, in case a tool wrote one per physical sector.
     */
    private static void applyFixups(FieldReader record, long entryNumber)
            throws NtfsFormatException {
        long base = record.fileOffset();
        int arrayOffset = record.u16(4, "UpdateSequenceArrayOffset");
        int count = record.u16(6, "UpdateSequenceArrayCount");
        int sectorSize = count > 1 ? record.length() / (count - 1) : 0;
        boolean validSectors =
                sectorSize >= MIN_SECTOR_SIZE
                        && Integer.bitCount(sectorSize) == 1
                        && sectorSize * (count - 1) == record.length();
        if (!validSectors || arrayOffset < 42 || arrayOffset + 2 * count > record.length()) {
            throw new NtfsFormatException(
                    base + 6,
                    String.format(
                            "UpdateSequenceArrayCount of entry %d at offset %s: expected one entry"
                                    + " per sector of the %d-byte record plus one, inside the"
                                    + " record, found %d at array offset %d",
                            entryNumber, hex(base + 6), record.length(), count, arrayOffset));
        }
        int updateSequence = record.u16(arrayOffset, "UpdateSequenceNumber");
        for (int sector = 1; sector < count; sector++) {
            int tail = sector * sectorSize - 2;
            int found = record.u16(tail, "sector tail");
            if (found != updateSequence) {
                throw new NtfsFormatException(
                        base + tail,
                        String.format(
                                "update sequence fixup of entry %d, sector %d, at offset %s:"
                                        + " expected 0x%04x, found 0x%04x",
                                entryNumber, sector, hex(base + tail), updateSequence, found));
            }
            record.putU16(tail, record.u16(arrayOffset + 2 * sector, "UpdateSequenceArray"));
        }
    }

    private static StandardInformation readStandardInformation(FieldReader record, int at)
            throws NtfsFormatException {
        return new StandardInformation(
                Filetime.toInstant(record.u64(at, "$STANDARD_INFORMATION.CreationTime")),
                Filetime.toInstant(record.u64(at + 8, "$STANDARD_INFORMATION.ModificationTime")),
                Filetime.toInstant(record.u64(at + 16, "$STANDARD_INFORMATION.EntryModifiedTime")),
                Filetime.toInstant(record.u64(at + 24, "$STANDARD_INFORMATION.AccessTime")),
                record.u32(at + 32, "$STANDARD_INFORMATION.FileAttributes"));
    }

    private static FileNameAttribute readFileName(FieldReader record, int at)
            throws NtfsFormatException {
        long parent = record.u64(at, "$FILE_NAME.ParentReference");
        int nameLength = record.u8(at + 64, "$FILE_NAME.NameLength");
        int namespace = record.u8(at + 65, "$FILE_NAME.Namespace");
        return new FileNameAttribute(
                FileReference.of(parent),
                record.utf16(at + 66, nameLength * 2, "$FILE_NAME.Name"),
                namespace,
                Filetime.toInstant(record.u64(at + 8, "$FILE_NAME.CreationTime")),
                Filetime.toInstant(record.u64(at + 16, "$FILE_NAME.ModificationTime")),
                Filetime.toInstant(record.u64(at + 24, "$FILE_NAME.EntryModifiedTime")),
                Filetime.toInstant(record.u64(at + 32, "$FILE_NAME.AccessTime")),
                record.u32(at + 56, "$FILE_NAME.FileAttributes"));
    }

    private static boolean isAllZero(byte[] bytes) {
        for (byte b : bytes) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }
}
