package dev.harrier.io;

import java.util.Objects;

/**
 * A record or region of an input file that could not be read.
 *
 * @param path the file, as given by the user (with {@code !entry} appended for an archive member)
 * @param location where in the file: {@code line:N}, {@code offset:0x1f000} and so on
 * @param message what was wrong, in plain words
 * @param lostRecords how many records this problem stands for; 1 for a single bad record, 0 for a
 *     problem that loses no record (for example a checksum mismatch in a chunk that still parsed)
 */
public record ReadProblem(String path, String location, String message, int lostRecords) {
    public ReadProblem {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(message, "message");
        if (lostRecords < 0) {
            throw new IllegalArgumentException("lostRecords must not be negative: " + lostRecords);
        }
    }

    @Override
    public String toString() {
        return path + ":" + location + ": " + message;
    }
}
