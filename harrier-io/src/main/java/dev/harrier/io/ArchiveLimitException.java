package dev.harrier.io;

import java.io.IOException;

/** Thrown by an archive member stream once an {@link ArchiveInputs.Limits} bound is exceeded. */
final class ArchiveLimitException extends IOException {
    ArchiveLimitException(String message) {
        super(message);
    }
}
