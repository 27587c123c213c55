package dev.harrier.io.ntfs;

import java.time.Instant;

/**
 * The {@code $STANDARD_INFORMATION} attribute of an MFT entry: the four timestamps that Windows
 * shows and updates, and the file attribute flags. Each time is null when stored as zero.
 *
 * @param created the creation time
 * @param modified the content modification time
 * @param mftModified the MFT entry modification time
 * @param accessed the last access time
 * @param fileAttributes the file attribute flags ({@link FileAttributes})
 */
public record StandardInformation(
        Instant created,
        Instant modified,
        Instant mftModified,
        Instant accessed,
        long fileAttributes) {}
