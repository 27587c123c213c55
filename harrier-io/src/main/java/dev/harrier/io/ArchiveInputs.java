package dev.harrier.io;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Opens inputs that may be ZIP or gzip archives and passes each file inside to a visitor,
 * streaming: nothing is extracted to disk. The archive type comes from the magic bytes ({@code
 * PK\3\4}, {@code 1f 8b}), not the file name. Archives inside archives are opened in turn, up to
 * {@link Limits#maxDepth()} levels. Member paths join the levels with {@code !}: {@code
 * logs.zip!host1/sysmon.json}, {@code day.json.gz!day.json}, {@code outer.zip!inner.zip!a.json}.
 *
 * <p>Archive bombs are stopped by {@link Limits}: a cap on the bytes inflated for one top-level
 * input (counted at every level) and a cap on the compression ratio of each member. When a limit is
 * exceeded, the member stream fails with an I/O error, the problem is reported, and the rest of
 * that top-level input is not read.
 *
 * <p>NOTE: {@link ZipInputStream} reads local headers only, so it cannot read a STORED member whose
 * sizes follow the data (general purpose flag bit 3) or an encrypted member. Such a member ends the
 * archive with a reported problem.
 */
public final class ArchiveInputs {
    /** Maximum number of archive levels, counting the outermost archive as 1. */
    public static final int MAX_ARCHIVE_DEPTH = 4;

    /** Maximum bytes inflated for one top-level input, summed over all levels: 32 GiB. */
    public static final long MAX_TOTAL_UNCOMPRESSED_BYTES = 32L * 1024 * 1024 * 1024;

    /**
     * Maximum ratio of a member's inflated bytes to its compressed bytes.
     *
     * <p>NOTE: an extracted USN journal ({@code $J}) begins with a sparse run of zeros that
     * deflates far beyond this ratio, so a zipped {@code $J} with more than {@link
     * #RATIO_CHECK_MIN_BYTES} of leading zeros is rejected. Such a file must be unzipped first, or
     * read with a higher {@link Limits#maxCompressionRatio()}.
     */
    public static final int MAX_COMPRESSION_RATIO = 200;

    /**
     * Inflated bytes of one member before its ratio is checked: 64 MiB. Small members of repetitive
     * logs can compress far better than {@link #MAX_COMPRESSION_RATIO} without harm.
     */
    public static final long RATIO_CHECK_MIN_BYTES = 64L * 1024 * 1024;

    /** Maximum number of members read from one top-level input, summed over all levels. */
    public static final int MAX_MEMBERS = 100_000;

    /**
     * The bounds that stop archive bombs.
     *
     * @param maxTotalUncompressedBytes bytes inflated for one top-level input, all levels summed
     * @param maxCompressionRatio inflated bytes per compressed byte of one member
     * @param ratioCheckMinBytes inflated bytes of a member before its ratio is checked
     * @param maxDepth archive levels, the outermost archive counting as 1
     * @param maxMembers members of one top-level input, all levels summed
     */
    public record Limits(
            long maxTotalUncompressedBytes,
            int maxCompressionRatio,
            long ratioCheckMinBytes,
            int maxDepth,
            int maxMembers) {
        /** The limits given by this class's constants. */
        public static final Limits DEFAULT =
                new Limits(
                        MAX_TOTAL_UNCOMPRESSED_BYTES,
                        MAX_COMPRESSION_RATIO,
                        RATIO_CHECK_MIN_BYTES,
                        MAX_ARCHIVE_DEPTH,
                        MAX_MEMBERS);

        public Limits {
            if (maxTotalUncompressedBytes <= 0
                    || maxCompressionRatio <= 0
                    || ratioCheckMinBytes < 0
                    || maxDepth <= 0
                    || maxMembers <= 0) {
                throw new IllegalArgumentException("invalid archive limits, every value must be positive: " + this);
            }
        }
    }

    /**
     * One file to read: a plain input, or a member of an archive.
     *
     * @param path the name for records and problems, such as {@code logs.zip!a.json}
     * @param format the member's format, detected from its first bytes (never ZIP or GZIP)
     * @param content the member's bytes, valid only during {@link MemberVisitor#visit}. Closing it
     *     has no effect.
     * @param file the file on disk when the input is not inside an archive, else null. Readers that
     *     need random access use it, or {@link #copyToTempFile()} for an archive member.
     */
    public record Member(String path, InputFormat format, InputStream content, Path file) {
        /**
         * Copies the rest of the content to a new temporary file, for readers that need random
         * access. The archive limits still apply while copying. The caller deletes the file.
         */
        public Path copyToTempFile() throws IOException {
            Path temp = Files.createTempFile("harrier-member-", ".tmp");
            try {
                Files.copy(content, temp, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                Files.deleteIfExists(temp);
                throw e;
            }
            return temp;
        }
    }

    /** Receives the members of an input, in archive order. */
    @FunctionalInterface
    public interface MemberVisitor {
        /**
         * Reads one member. An I/O error thrown here is reported as a problem of that member, and
         * the next member is read unless an archive limit was exceeded.
         */
        void visit(Member member) throws IOException;
    }

    private static final Charset ZIP_DEFAULT_CHARSET = zipDefaultCharset();

    private final Limits limits;

    /** Creates an opener with {@link Limits#DEFAULT}. */
    public ArchiveInputs() {
        this(Limits.DEFAULT);
    }

    public ArchiveInputs(Limits limits) {
        this.limits = limits;
    }

    /**
     * Visits a file: its members when it is an archive, else the file itself. Problems, such as a
     * file that cannot be opened or a damaged archive, go to {@code problems}.
     */
    public void read(Path file, MemberVisitor visitor, Consumer<ReadProblem> problems) {
        String path = file.toString();
        try (InputStream in = Files.newInputStream(file)) {
            read(in, path, file, visitor, problems);
        } catch (IOException e) {
            problems.accept(new ReadProblem(path, "file", "cannot read the file: " + e, 1));
        }
    }

    /**
     * Visits a stream: its members when it is an archive, else the stream itself. The caller closes
     * the stream.
     *
     * @param path the name to report, such as the file name the stream was opened from
     */
    public void read(
            InputStream in, String path, MemberVisitor visitor, Consumer<ReadProblem> problems) {
        read(in, path, null, visitor, problems);
    }

    private void read(
            InputStream in,
            String path,
            Path file,
            MemberVisitor visitor,
            Consumer<ReadProblem> problems) {
        Budget budget = new Budget();
        try {
            readInput(in, path, file, 0, budget, visitor, problems);
        } catch (ArchiveLimitException e) {
            problems.accept(
                    new ReadProblem(
                            budget.limitPath,
                            "archive",
                            e.getMessage() + "; the rest of " + path + " is not read",
                            1));
        }
    }

    /** Visits one input at the given archive depth (0 for a top-level input). */
    private void readInput(
            InputStream in,
            String path,
            Path file,
            int depth,
            Budget budget,
            MemberVisitor visitor,
            Consumer<ReadProblem> problems)
            throws ArchiveLimitException {
        BufferedInputStream buffered = new BufferedInputStream(in, InputFormats.HEAD_BYTES);
        InputFormat format;
        try {
            buffered.mark(InputFormats.HEAD_BYTES);
            byte[] head = buffered.readNBytes(InputFormats.HEAD_BYTES);
            buffered.reset();
            format = InputFormats.detect(head, lastName(path));
        } catch (ArchiveLimitException e) {
            throw e;
        } catch (IOException e) {
            problems.accept(new ReadProblem(path, "offset:0x0", readFailure(e), 1));
            return;
        }

        if (format == InputFormat.ZIP || format == InputFormat.GZIP) {
            if (depth >= limits.maxDepth()) {
                problems.accept(
                        new ReadProblem(
                                path,
                                "archive",
                                "archive nested deeper than "
                                        + limits.maxDepth()
                                        + " levels (ArchiveInputs.MAX_ARCHIVE_DEPTH); not read",
                                1));
                return;
            }
            if (format == InputFormat.ZIP) {
                readZip(buffered, path, depth + 1, budget, visitor, problems);
            } else {
                readGzip(buffered, path, depth + 1, budget, visitor, problems);
            }
            return;
        }

        try {
            visitor.visit(new Member(path, format, new UnclosableInputStream(buffered), file));
        } catch (IOException e) {
            if (budget.limitMessage == null) {
                String location = depth == 0 ? "file" : "member";
                problems.accept(new ReadProblem(path, location, readFailure(e), 1));
            }
        }
        budget.throwIfExceeded();
    }

    private void readZip(
            InputStream in,
            String path,
            int depth,
            Budget budget,
            MemberVisitor visitor,
            Consumer<ReadProblem> problems)
            throws ArchiveLimitException {
        CountingInputStream compressed = new CountingInputStream(in);
        ZipInputStream zip = new ZipInputStream(compressed, ZIP_DEFAULT_CHARSET);
        String lastMember = null;
        while (true) {
            ZipEntry entry;
            try {
                entry = zip.getNextEntry();
            } catch (ArchiveLimitException e) {
                throw e;
            } catch (IOException | IllegalArgumentException e) {
                String where = lastMember == null ? "at its start" : "after member " + lastMember;
                problems.accept(
                        new ReadProblem(
                                path,
                                "archive",
                                "damaged ZIP archive "
                                        + where
                                        + ": "
                                        + e.getMessage()
                                        + "; the rest of the archive is not read",
                                1));
                return;
            }
            if (entry == null) {
                return;
            }
            if (entry.isDirectory()) {
                continue;
            }
            budget.countMember(path, limits);
            lastMember = entry.getName();
            String memberPath = path + "!" + entry.getName();
            MemberStream member = new MemberStream(zip, compressed, memberPath, budget);
            readInput(member, memberPath, null, depth, budget, visitor, problems);
            drain(member);
        }
    }

    /**
     * Reads what the visitor left of a member through the limits. Otherwise {@link
     * ZipInputStream#getNextEntry()} would inflate the rest unchecked, however large it is.
     */
    private static void drain(MemberStream member) throws ArchiveLimitException {
        byte[] discard = new byte[64 * 1024];
        try {
            while (member.read(discard, 0, discard.length) >= 0) {
                // Discard.
            }
        } catch (ArchiveLimitException e) {
            throw e;
        } catch (IOException e) {
            // Damaged member data: the next getNextEntry() call fails and reports it.
        }
    }

    private void readGzip(
            InputStream in,
            String path,
            int depth,
            Budget budget,
            MemberVisitor visitor,
            Consumer<ReadProblem> problems)
            throws ArchiveLimitException {
        CountingInputStream compressed = new CountingInputStream(in);
        GZIPInputStream gzip;
        try {
            gzip = new GZIPInputStream(compressed, 64 * 1024);
        } catch (ArchiveLimitException e) {
            throw e;
        } catch (IOException e) {
            problems.accept(new ReadProblem(path, "offset:0x0", "invalid gzip header: " + e, 1));
            return;
        }
        budget.countMember(path, limits);
        String memberPath = path + "!" + gzipMemberName(lastName(path));
        readInput(
                new MemberStream(gzip, compressed, memberPath, budget),
                memberPath,
                null,
                depth,
                budget,
                visitor,
                problems);
    }

    /** Returns the name gzip would restore: the archive name without its {@code .gz} suffix. */
    private static String gzipMemberName(String archiveName) {
        String lower = archiveName.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".gz") && archiveName.length() > 3) {
            return archiveName.substring(0, archiveName.length() - 3);
        }
        if (lower.endsWith(".tgz")) {
            return archiveName.substring(0, archiveName.length() - 4) + ".tar";
        }
        return archiveName;
    }

    private static String lastName(String path) {
        int cut =
                Math.max(
                        path.lastIndexOf('!'),
                        Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')));
        return path.substring(cut + 1);
    }

    private static String readFailure(IOException e) {
        if (e instanceof EOFException) {
            return "the data ends early (the file may be cut short): " + e.getMessage();
        }
        return "reading failed: " + e.getMessage();
    }

    private static Charset zipDefaultCharset() {
        // Names without the UTF-8 flag are in code page 437 by the ZIP specification.
        try {
            return Charset.forName("IBM437");
        } catch (UnsupportedCharsetException e) {
            return StandardCharsets.ISO_8859_1;
        }
    }

    /** Counts of one top-level input, shared by all its levels. */
    private static final class Budget {
        long inflatedBytes;
        int members;
        String limitMessage;
        String limitPath;

        void countMember(String path, Limits limits) throws ArchiveLimitException {
            members++;
            if (members > limits.maxMembers()) {
                exceed(
                        path,
                        "the archive has more than "
                                + limits.maxMembers()
                                + " members (ArchiveInputs.MAX_MEMBERS)");
            }
        }

        void exceed(String path, String message) throws ArchiveLimitException {
            if (limitMessage == null) {
                limitMessage = message;
                limitPath = path;
            }
            throw new ArchiveLimitException(limitMessage);
        }

        void throwIfExceeded() throws ArchiveLimitException {
            if (limitMessage != null) {
                throw new ArchiveLimitException(limitMessage);
            }
        }
    }

    /** The inflated bytes of one member, checked against the limits as they are read. */
    private final class MemberStream extends FilterInputStream {
        private final CountingInputStream compressed;
        private final long compressedStart;
        private final String path;
        private final Budget budget;
        private long inflated;

        MemberStream(
                InputStream inflater, CountingInputStream compressed, String path, Budget budget) {
            super(inflater);
            this.compressed = compressed;
            this.compressedStart = compressed.count();
            this.path = path;
            this.budget = budget;
        }

        @Override
        public int read() throws IOException {
            budget.throwIfExceeded();
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            budget.throwIfExceeded();
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            // Route skips through read so skipped bytes are counted too.
            byte[] discard = new byte[(int) Math.min(n, 8192)];
            int read = read(discard, 0, discard.length);
            return Math.max(read, 0);
        }

        @Override
        public void close() {
            // The archive stream stays open for the next member.
        }

        private void count(int n) throws ArchiveLimitException {
            inflated += n;
            budget.inflatedBytes += n;
            if (budget.inflatedBytes > limits.maxTotalUncompressedBytes()) {
                budget.exceed(
                        path,
                        "more than "
                                + limits.maxTotalUncompressedBytes()
                                + " bytes inflated (ArchiveInputs.MAX_TOTAL_UNCOMPRESSED_BYTES)");
            }
            long compressedBytes = Math.max(1, compressed.count() - compressedStart);
            if (inflated >= limits.ratioCheckMinBytes()
                    && inflated / compressedBytes > limits.maxCompressionRatio()) {
                budget.exceed(
                        path,
                        "compression ratio above "
                                + limits.maxCompressionRatio()
                                + ":1 ("
                                + inflated
                                + " bytes from "
                                + compressedBytes
                                + "; ArchiveInputs.MAX_COMPRESSION_RATIO), a possible archive"
                                + " bomb");
            }
        }
    }

    /** Hides {@code close()} from visitors so they cannot close the archive under them. */
    private static final class UnclosableInputStream extends FilterInputStream {
        UnclosableInputStream(InputStream in) {
            super(in);
        }

        @Override
        public void close() {
            // Intentionally empty.
        }
    }
}
