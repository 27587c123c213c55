package dev.harrier.io.ntfs;

import java.time.Instant;

/**
 * One {@code $FILE_NAME} attribute of an MFT entry. An entry has one per hard link and per name
 * form: a long name in the Win32 namespace with its 8.3 name in the DOS namespace, or one name in
 * the Win32 &amp; DOS namespace when the long name already fits 8.3.
 *
 * @param parent the directory that contains this name
 * @param name the name
 * @param namespace {@link #POSIX}, {@link #WIN32}, {@link #DOS} or {@link #WIN32_AND_DOS}
 * @param created the creation time stored with the name, or null when zero
 * @param modified the content modification time stored with the name, or null
 * @param mftModified the MFT entry modification time stored with the name, or null
 * @param accessed the access time stored with the name, or null
 * @param flags the file attribute flags stored with the name
 */
public record FileNameAttribute(
        FileReference parent,
        String name,
        int namespace,
        Instant created,
        Instant modified,
        Instant mftModified,
        Instant accessed,
        long flags) {
    public static final int POSIX = 0;
    public static final int WIN32 = 1;
    public static final int DOS = 2;
    public static final int WIN32_AND_DOS = 3;

    /** Returns the namespace as {@code POSIX}, {@code Win32}, {@code DOS} or {@code Win32&DOS}. */
    public String namespaceName() {
        switch (namespace) {
            case POSIX:
                return "POSIX";
            case WIN32:
                return "Win32";
            case DOS:
                return "DOS";
            case WIN32_AND_DOS:
                return "Win32&DOS";
            default:
                return "0x" + Integer.toHexString(namespace);
        }
    }

    /** Returns the rank of the namespace for display paths: Win32 names first, DOS names last. */
    int preference() {
        switch (namespace) {
            case WIN32:
            case WIN32_AND_DOS:
                return 0;
            case POSIX:
                return 1;
            case DOS:
                return 3;
            default:
                return 2;
        }
    }
}
