package dev.harrier.io.ntfs;

/**
 * Turns a directory's file reference into its full path, checking the sequence number so that a
 * reused MFT entry is never taken for the directory it replaced.
 *
 * <p>Paths use backslashes and start with the volume prefix, such as {@code C:} for {@code
 * C:\Windows}, or with nothing for {@code \Windows} when the drive letter is not known. A parent
 * that cannot be resolved appears as {@code <unknown parent 1234-5>} at its place in the path.
 */
public interface NtfsPathResolver {
    /** The MFT entry of the root directory on every NTFS volume. */
    long ROOT_ENTRY = 5;

    /**
     * Returns the full path of a directory without a trailing backslash: the volume prefix alone
     * for the root, else a path such as {@code C:\Windows}, with an unknown-parent marker for each
     * part that cannot be resolved.
     */
    String directoryPath(FileReference directory);

    /** Returns the full path of a file named {@code name} in the directory {@code parent}. */
    default String filePath(FileReference parent, String name) {
        return directoryPath(parent) + "\\" + name;
    }

    /**
     * Returns a resolver without an {@code $MFT}: it resolves only the root directory (entry 5) and
     * marks every other parent as unknown.
     *
     * @param volumePrefix the text before the first backslash, such as {@code C:}, or empty
     */
    static NtfsPathResolver withoutMft(String volumePrefix) {
        return directory ->
                directory.entry() == ROOT_ENTRY ? volumePrefix : unknownParent(directory);
    }

    /** Returns the marker that stands for a parent directory that cannot be resolved. */
    static String unknownParent(FileReference directory) {
        return "<unknown parent " + directory + ">";
    }
}
