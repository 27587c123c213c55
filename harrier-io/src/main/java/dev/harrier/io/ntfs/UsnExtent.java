package dev.harrier.io.ntfs;

/**
 * One changed byte range of a file, from a {@code USN_RECORD_V4} range-tracking record.
 *
 * @param offset the offset of the range in the file's data, in bytes
 * @param length the length of the range, in bytes
 */
public record UsnExtent(long offset, long length) {}
