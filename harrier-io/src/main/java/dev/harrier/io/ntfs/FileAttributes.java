package dev.harrier.io.ntfs;

import java.util.List;

/**
 * Windows file attribute flags, named as the {@code FILE_ATTRIBUTE_} constants of the Windows SDK
 * without that prefix. USN records and {@code $STANDARD_INFORMATION} both store them.
 */
public final class FileAttributes {
    public static final int DIRECTORY = 0x10;

    private static final FlagNames NAMES =
            FlagNames.builder()
                    .add(0x1, "READONLY")
                    .add(0x2, "HIDDEN")
                    .add(0x4, "SYSTEM")
                    .add(0x10, "DIRECTORY")
                    .add(0x20, "ARCHIVE")
                    .add(0x40, "DEVICE")
                    .add(0x80, "NORMAL")
                    .add(0x100, "TEMPORARY")
                    .add(0x200, "SPARSE_FILE")
                    .add(0x400, "REPARSE_POINT")
                    .add(0x800, "COMPRESSED")
                    .add(0x1000, "OFFLINE")
                    .add(0x2000, "NOT_CONTENT_INDEXED")
                    .add(0x4000, "ENCRYPTED")
                    .add(0x8000, "INTEGRITY_STREAM")
                    .add(0x10000, "VIRTUAL")
                    .add(0x20000, "NO_SCRUB_DATA")
                    .add(0x40000, "RECALL_ON_OPEN")
                    .add(0x80000, "PINNED")
                    .add(0x100000, "UNPINNED")
                    .add(0x400000, "RECALL_ON_DATA_ACCESS")
                    .build();

    private FileAttributes() {}

    /**
     * Returns the names of the attribute bits set in {@code attributes}, such as {@code ARCHIVE}.
     */
    public static List<String> names(long attributes) {
        return NAMES.decode(attributes & 0xffff_ffffL);
    }
}
