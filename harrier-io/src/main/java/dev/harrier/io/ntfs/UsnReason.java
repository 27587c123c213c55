package dev.harrier.io.ntfs;

import java.util.List;

/**
 * The USN reason flags, named as the Windows SDK constants without their {@code USN_REASON_} prefix
 * (winioctl.h; the table is on Microsoft Learn under {@code USN_RECORD_V4}).
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
            FlagNames.builder()
                    .add(0x1, "DATA_OVERWRITE")
                    .add(0x2, "DATA_EXTEND")
                    .add(0x4, "DATA_TRUNCATION")
                    .add(0x10, "NAMED_DATA_OVERWRITE")
                    .add(0x20, "NAMED_DATA_EXTEND")
                    .add(0x40, "NAMED_DATA_TRUNCATION")
                    .add(0x100, "FILE_CREATE")
                    .add(0x200, "FILE_DELETE")
                    .add(0x400, "EA_CHANGE")
                    .add(0x800, "SECURITY_CHANGE")
                    .add(0x1000, "RENAME_OLD_NAME")
                    .add(0x2000, "RENAME_NEW_NAME")
                    .add(0x4000, "INDEXABLE_CHANGE")
                    .add(0x8000, "BASIC_INFO_CHANGE")
                    .add(0x10000, "HARD_LINK_CHANGE")
                    .add(0x20000, "COMPRESSION_CHANGE")
                    .add(0x40000, "ENCRYPTION_CHANGE")
                    .add(0x80000, "OBJECT_ID_CHANGE")
                    .add(0x100000, "REPARSE_POINT_CHANGE")
                    .add(0x200000, "STREAM_CHANGE")
                    .add(0x400000, "TRANSACTED_CHANGE")
                    .add(0x800000, "INTEGRITY_CHANGE")
                    .add(0x1000000, "DESIRED_STORAGE_CLASS_CHANGE")
                    .add(0x8000_0000L, "CLOSE")
                    .build();

    private UsnReason() {}

    /** Returns the names of the reason bits set in {@code reason}, such as {@code FILE_CREATE}. */
    public static List<String> names(long reason) {
        return NAMES.decode(reason & 0xffff_ffffL);
    }
}
