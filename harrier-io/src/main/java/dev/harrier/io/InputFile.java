package dev.harrier.io;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A file found by {@link InputWalker}, with the format its first bytes show.
 *
 * @param path the file, relative or absolute as the user gave its root
 * @param format the detected format, {@link InputFormat#UNKNOWN} for an empty or unrecognised file
 */
public record InputFile(Path path, InputFormat format) {
    public InputFile {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(format, "format");
    }
}
