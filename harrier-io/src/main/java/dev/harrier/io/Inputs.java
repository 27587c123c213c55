package dev.harrier.io;

import dev.harrier.io.csv.CsvRecordReader;
import dev.harrier.io.evtx.EvtxReader;
import dev.harrier.io.json.JsonRecordReader;
import dev.harrier.io.ntfs.MftIndex;
import dev.harrier.io.ntfs.MftReader;
import dev.harrier.io.ntfs.NtfsPathResolver;
import dev.harrier.io.ntfs.UsnJournalReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Reads input paths of any supported format: walks directories in sorted order, detects each
 * file's format from its first bytes (never its extension) and hands it to the matching reader.
 * Problems with a path or a file are reported to the sink and reading goes on with the next.
 *
 * <p>A USN journal is resolved to full paths with a {@code $MFT} given by {@link #withMft} or, failing
 * that, the first file in the same folder whose content is an {@code $MFT}.
 */
public final class Inputs {
    /** The volume prefix put before paths resolved from NTFS metadata. */
    public static final String VOLUME_PREFIX = "C:";

    private Path mft;

    /** Returns this reader set to resolve USN journals with the given {@code $MFT}. */
    public Inputs withMft(Path mftFile) {
        this.mft = mftFile;
        return this;
    }

    /**
     * Reads every record under {@code input}.
     *
     * @param fileStarted called with each file's name before its records
     */
    public void read(Path input, RecordSink sink, Consumer<String> fileStarted) {
        if (!Files.exists(input)) {
            sink.unreadable(new ReadProblem(input.toString(), "path", "file or directory not found", 0));
            return;
        }
        if (Files.isDirectory(input)) {
            for (Path file : listFiles(input, sink)) {
                readFile(file, sink, fileStarted);
            }
        } else {
            readFile(input, sink, fileStarted);
        }
    }

    private static List<Path> listFiles(Path directory, RecordSink sink) {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(directory)) {
            walk.filter(Files::isRegularFile).sorted().forEach(files::add);
        } catch (IOException | UncheckedIOException e) {
            sink.unreadable(new ReadProblem(directory.toString(), "path",
                    "cannot list directory: " + e.getMessage(), 0));
        }
        return files;
    }

    /** Returns the format of a file from its first bytes. */
    public static InputFormat detect(Path file) throws IOException {
        byte[] head = new byte[InputFormats.HEAD_BYTES];
        int length = 0;
        try (InputStream in = Files.newInputStream(file)) {
            int read;
            while (length < head.length && (read = in.read(head, length, head.length - length)) > 0) {
                length += read;
            }
        }
        byte[] exact = java.util.Arrays.copyOf(head, length);
        return InputFormats.detect(exact, file.getFileName().toString());
    }

    private void readFile(Path file, RecordSink sink, Consumer<String> fileStarted) {
        String name = file.toString();
        InputFormat format;
        try {
            format = detect(file);
        } catch (NoSuchFileException e) {
            sink.unreadable(new ReadProblem(name, "path", "file not found", 0));
            return;
        } catch (AccessDeniedException e) {
            sink.unreadable(new ReadProblem(name, "path", "permission denied", 0));
            return;
        } catch (IOException e) {
            sink.unreadable(new ReadProblem(name, "path", "cannot read file: " + e.getMessage(), 0));
            return;
        }
        fileStarted.accept(name);
        try {
            switch (format) {
                case EVTX:
                    EvtxReader.read(file, sink);
                    break;
                case JSON:
                    new JsonRecordReader().read(file, sink);
                    break;
                case CSV:
                    new CsvRecordReader().read(file, sink);
                    break;
                case USN:
                    new UsnJournalReader(resolverFor(file, sink)).readCreations(file, sink);
                    break;
                case MFT:
                    new MftReader(VOLUME_PREFIX).read(file, sink);
                    break;
                default:
                    sink.unreadable(new ReadProblem(name, "offset:0x0",
                            "not a supported log format (" + format.name().toLowerCase(java.util.Locale.ROOT)
                                    + "); skipped", 0));
            }
        } catch (IOException | UncheckedIOException e) {
            sink.unreadable(new ReadProblem(name, "path", "cannot read file: " + e.getMessage(), 0));
        }
    }

    /** Returns the first file beside {@code usnFile}, in name order, whose content is an $MFT. */
    private static Path siblingMft(Path usnFile) {
        Path dir = usnFile.toAbsolutePath().getParent();
        if (dir == null) {
            return null;
        }
        try (Stream<Path> siblings = Files.list(dir)) {
            for (Path sibling : siblings.filter(Files::isRegularFile).sorted().toList()) {
                if (detect(sibling) == InputFormat.MFT) {
                    return sibling;
                }
            }
        } catch (IOException | UncheckedIOException e) {
            return null;
        }
        return null;
    }

    private NtfsPathResolver resolverFor(Path usnFile, RecordSink sink) {
        Path candidate = mft;
        if (candidate == null) {
            candidate = siblingMft(usnFile);
        }
        if (candidate != null) {
            try {
                return MftIndex.build(candidate).pathResolver(VOLUME_PREFIX);
            } catch (IOException e) {
                sink.unreadable(new ReadProblem(candidate.toString(), "path",
                        "cannot read $MFT for path resolution: " + e.getMessage(), 0));
            }
        }
        return NtfsPathResolver.withoutMft(VOLUME_PREFIX);
    }
}
