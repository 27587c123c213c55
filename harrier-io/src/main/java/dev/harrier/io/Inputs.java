package dev.harrier.io;

import dev.harrier.io.csv.CsvRecordReader;
import dev.harrier.io.evtx.EvtxReader;
import dev.harrier.io.json.JsonRecordReader;
import dev.harrier.io.ntfs.MftIndex;
import dev.harrier.io.ntfs.MftReader;
import dev.harrier.io.ntfs.NtfsPathResolver;
import dev.harrier.io.ntfs.UsnJournalReader;
import dev.harrier.io.xml.WindowsXmlReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Reads input paths of any supported format: walks directories in sorted order ({@link
 * InputWalker}), opens {@code .zip} and {@code .gz} archives in place ({@link ArchiveInputs}), and
 * hands each file or member to the reader for the format its first bytes show, never its
 * extension. Problems with a path, file or member are reported to the sink and reading goes on.
 *
 * <p>A USN journal is resolved to full paths with a {@code $MFT} given by {@link #withMft} or,
 * failing that, the first file in the same folder whose content is an {@code $MFT}. Without one,
 * paths keep an unresolved-parent marker.
 */
public final class Inputs {
    /** The volume prefix put before paths resolved from NTFS metadata. */
    public static final String VOLUME_PREFIX = "C:";

    private final ArchiveInputs archives = new ArchiveInputs();
    private Path mft;
    private boolean usnCreations = true;

    /**
     * Returns this reader set to give one event per USN journal record ({@code false}, for {@code
     * dump}) or one per file creation, collapsed from its records ({@code true}, the default, for
     * hunting).
     */
    public Inputs withUsnCreations(boolean creations) {
        this.usnCreations = creations;
        return this;
    }

    /** Returns this reader set to resolve USN journals with the given {@code $MFT}. */
    public Inputs withMft(Path mftFile) {
        this.mft = mftFile;
        return this;
    }

    /**
     * Reads every record under {@code input}.
     *
     * @param fileStarted called with each file's or member's name before its records
     */
    public void read(Path input, RecordSink sink, Consumer<String> fileStarted) {
        InputWalker.walk(List.of(input), file -> readFile(file, sink, fileStarted), sink::unreadable);
    }

    private void readFile(InputFile file, RecordSink sink, Consumer<String> fileStarted) {
        if (file.format() == InputFormat.ZIP || file.format() == InputFormat.GZIP) {
            archives.read(file.path(), member -> readMember(member, sink, fileStarted), sink::unreadable);
            return;
        }
        fileStarted.accept(file.path().toString());
        readPath(file.path(), file.path().toString(), file.format(), sink);
    }

    private void readMember(ArchiveInputs.Member member, RecordSink sink, Consumer<String> fileStarted)
            throws IOException {
        fileStarted.accept(member.path());
        if (member.file() != null) {
            readPath(member.file(), member.path(), member.format(), sink);
            return;
        }
        if (member.format() == InputFormat.JSON) {
            new JsonRecordReader().read(member.content(), member.path(), sink);
            return;
        }
        if (!isSupported(member.format())) {
            skipUnsupported(member.path(), member.format(), sink);
            return;
        }
        // The other readers need random access or detect the encoding themselves.
        Path temp = member.copyToTempFile();
        try {
            readPath(temp, member.path(), member.format(), new RenamingSink(sink, temp.toString(),
                    member.path()));
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static boolean isSupported(InputFormat format) {
        return format != InputFormat.UNKNOWN && format != InputFormat.ZIP
                && format != InputFormat.GZIP;
    }

    private static void skipUnsupported(String name, InputFormat format, RecordSink sink) {
        String kind = format == InputFormat.UNKNOWN ? "not a supported log format"
                : "not a supported log format (" + format.name().toLowerCase(Locale.ROOT) + ")";
        sink.skipped(name, kind);
    }

    private void readPath(Path file, String name, InputFormat format, RecordSink sink) {
        try {
            if (format == InputFormat.UNKNOWN && Files.size(file) == 0) {
                // An empty file has no records, which is not a problem.
                return;
            }
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
                case XML:
                    new WindowsXmlReader().read(file, sink);
                    break;
                case USN:
                    UsnJournalReader usn = new UsnJournalReader(resolverFor(file, sink));
                    if (usnCreations) {
                        usn.readCreations(file, sink);
                    } else {
                        usn.read(file, sink);
                    }
                    break;
                case MFT:
                    new MftReader(VOLUME_PREFIX).read(file, sink);
                    break;
                default:
                    skipUnsupported(name, format, sink);
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
                if (InputFormats.detect(sibling) == InputFormat.MFT) {
                    return sibling;
                }
            }
        } catch (IOException | UncheckedIOException e) {
            return null;
        }
        return null;
    }

    private NtfsPathResolver resolverFor(Path usnFile, RecordSink sink) {
        Path candidate = mft != null ? mft : siblingMft(usnFile);
        if (candidate != null) {
            try {
                return MftIndex.build(candidate).pathResolver(VOLUME_PREFIX);
            } catch (IOException e) {
                sink.unreadable(new ReadProblem(candidate.toString(), "path",
                        "cannot read $MFT for path resolution: " + e.getMessage(), 0));
            }
        }
        sink.unreadable(new ReadProblem(usnFile.toString(), "path", "no $MFT beside the journal,"
                + " so parent folders stay unresolved; pass --mft FILE to resolve full paths", 0));
        return NtfsPathResolver.withoutMft(VOLUME_PREFIX);
    }

    /** Reports problems of a temporary copy under the archive member's name. */
    private record RenamingSink(RecordSink sink, String tempName, String memberName)
            implements RecordSink {
        @Override
        public void record(dev.harrier.core.event.Event event, String locator) {
            sink.record(event, locator);
        }

        @Override
        public void unreadable(ReadProblem problem) {
            String path = problem.path().equals(tempName) ? memberName : problem.path();
            sink.unreadable(new ReadProblem(path, problem.location(), problem.message(),
                    problem.lostRecords()));
        }
    }
}
