package dev.harrier.io.output;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * An output file written under a temporary name in the same directory and renamed into place only
 * by {@link #commit()}, so an interrupted run never leaves a half-written file that looks complete.
 * Closing without committing deletes the temporary file.
 */
public final class AtomicFileOutput extends FilterOutputStream {
    private final Path target;
    private final Path temporary;
    private boolean committed;
    private boolean closed;

    public AtomicFileOutput(Path target) throws IOException {
        this(target, Files.createTempFile(target.toAbsolutePath().getParent(),
                "." + target.getFileName() + ".", ".tmp"));
    }

    private AtomicFileOutput(Path target, Path temporary) throws IOException {
        super(new java.io.BufferedOutputStream(Files.newOutputStream(temporary), 1 << 16));
        this.target = target;
        this.temporary = temporary;
        copyPermissions(target, temporary);
    }

    /**
     * Gives the temporary file the target's permissions, or {@code rw-r--r--} for a new file,
     * because a temporary file starts readable by its owner only.
     */
    private static void copyPermissions(Path target, Path temporary) {
        try {
            java.util.Set<java.nio.file.attribute.PosixFilePermission> permissions = Files.exists(target)
                    ? Files.getPosixFilePermissions(target)
                    : java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--");
            Files.setPosixFilePermissions(temporary, permissions);
        } catch (UnsupportedOperationException | IOException e) {
            // A file system without POSIX permissions keeps its defaults.
        }
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        out.write(bytes, offset, length);
    }

    /** Flushes, closes and renames the file into place. */
    public void commit() throws IOException {
        closeStream();
        try {
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
        }
        committed = true;
    }

    private void closeStream() throws IOException {
        if (!closed) {
            closed = true;
            super.close();
        }
    }

    @Override
    public void close() throws IOException {
        closeStream();
        if (!committed) {
            Files.deleteIfExists(temporary);
        }
    }
}
