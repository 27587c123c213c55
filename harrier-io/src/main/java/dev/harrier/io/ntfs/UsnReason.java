package dev.harrier.io.ntfs;

import java.util.List;

/**
 * The USN reason flags, named as the Windows SDK constants without their {@code USN_REASON_}
 * prefix (winioctl.h; the table is on Microsoft Learn under {@code USN_RECORD_V4}).
 */
public final class UsnReason {
    public static final int DATA_OVERWRITE = 0x1;
    public static final int DATA_EXTEND = 0x2;
    public static final int DATA_TRUNCATION = 0x4;
    public static final int FILE_CREATE = 0x100;
    public static final int FILE_DELETE = 0x200;
    public static final int RENAME_OLD_NAME = 0x1000;
    public static final int RENAME_NEW_NAME = 0x2000;
    public static final int CLOSE = 0x8000_0000;

    private static final FlagNames NAMES =
            FlagNames.of(
                    0x1, "DATA_OVERWRITE",
                    0x2, "DATA_EXTEND",
                    0x4, "DATA_TRUNCATION",
                    0x10, "NAMED_DATA_OVERWRITE",
                    0x20, "NAMED_DATA_EXTEND",
                    0x40, "NAMED_DATA_TRUNCATION",
                    0x100, "FILE_CREATE",
                    0x200, "FILE_DELETE",
                    0x400, "EA_CHANGE",
                    0x800, "SECURITY_CHANGE",
                    0x1000, "RENAME_OLD_NAME",
                    0x2000, "RENAME_NEW_NAME",
                    0x4000, "INDEXABLE_CHANGE",
                    0x8000, "BASIC_INFO_CHANGE",
                    0x10000, "HARD_LINK_CHANGE",
                    0x20000, "COMPRESSION_CHANGE",
                    0x40000, "ENCRYPTION_CHANGE",
                    0x80000, "OBJECT_ID_CHANGE",
                    0x100000, "REPARSE_POINT_CHANGE",
                    0x200000, "STREAM_CHANGE",
                    0x400000, "TRANSACTED_CHANGE",
                    0x800000, "INTEGRITY_CHANGE",
                    0x1000000, "DESIRED_STORAGE_CLASS_CHANGE",
                    0x8000_0000L, "CLOSE");

    private UsnReason() {}

    /** Returns the names of the reason bits set in {@code reason}, such as {@code FILE_CREATE}. */
    public static List<String> names(long reason) {
        return NAMES.decode(reason & 0xffff_ffffL);
    }
}
