package dev.harrier.io.ntfs;

import static dev.harrier.io.ntfs.UsnTestRecords.concat;
import static dev.harrier.io.ntfs.UsnTestRecords.reference;
import static dev.harrier.io.ntfs.UsnTestRecords.v2;

import static org.assertj.core.api.Assertions.assertThat;

import dev.harrier.core.event.Event;
import dev.harrier.io.ReadProblem;
import dev.harrier.io.testing.CollectingSink;
import dev.harrier.io.testing.SharedData;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

class UsnJournalReaderTest {
    private static final String DFIR = "data/ntfs/dfir_ntfs/test_data/";

    @TempDir Path temp;

    /** One record of fsutil's dump, with the fields the test compares. */
    record FsutilRecord(
            long usn, String name, long reason, long fileId, long parentId, int majorVersion) {}

    static List<FsutilRecord> parseFsutil(Path dump) throws IOException {
        List<FsutilRecord> records = new ArrayList<>();
        long usn = -1;
        String name = null;
        long reason = 0;
        long fileId = 0;
        long parentId = 0;
        int major = 0;
        for (String line : Files.readAllLines(dump, StandardCharsets.UTF_8)) {
            int colon = line.indexOf(" : ");
            if (colon < 0) {
                continue;
            }
            String key = line.substring(0, colon).trim();
            String value = line.substring(colon + 3).trim();
            switch (key) {
                case "Usn":
                    if (usn >= 0) {
                        records.add(new FsutilRecord(usn, name, reason, fileId, parentId, major));
                    }
                    usn = Long.parseLong(value);
                    name = null;
                    break;
                case "File name":
                    name = value;
                    break;
                case "Reason":
                    reason = Long.parseLong(value.substring(2, 10), 16);
                    break;
                case "File ID":
                    fileId = Long.parseUnsignedLong(value.substring(16), 16);
                    break;
                case "Parent file ID":
                    parentId = Long.parseUnsignedLong(value.substring(16), 16);
                    break;
                case "Major version":
                    major = Integer.parseInt(value);
                    break;
                default:
                    break;
            }
        }
        records.add(new FsutilRecord(usn, name, reason, fileId, parentId, major));
        return records;
    }

    static List<UsnRecord> readAll(Path file, List<ReadProblem> problems) throws IOException {
        List<UsnRecord> records = new ArrayList<>();
        new UsnJournalReader(NtfsPathResolver.withoutMft(""))
                .readRecords(
                        file,
                        new UsnRecordHandler() {
                            @Override
                            public void record(UsnRecord record) {
                                records.add(record);
                            }

                            @Override
                            public void unreadable(ReadProblem problem) {
                                problems.add(problem);
                            }
                        });
        return records;
    }

    @Test
    void dfirJournalMatchesFsutilDump() throws IOException {
        Path journal = SharedData.require(DFIR + "usnjrnlj.bin");
        List<FsutilRecord> expected = parseFsutil(SharedData.require(DFIR + "usnjrnlj.fsutil.txt"));
        List<ReadProblem> problems = new ArrayList<>();

        List<UsnRecord> records = readAll(journal, problems);

        assertThat(problems).isEmpty();
        assertThat(expected).hasSize(268);
        assertThat(records.size()).isEqualTo(268 + 3);
        for (int i = 0; i < expected.size(); i++) {
            FsutilRecord want = expected.get(i);
            UsnRecord got = records.get(i);
            String where = "record " + i + " (USN " + want.usn() + ")";
            assertThat(got.usn()).as(where).isEqualTo(want.usn());
            assertThat(got.fileName()).as(where).isEqualTo(want.name());
            assertThat(got.reason()).as(where).isEqualTo(want.reason());
            assertThat(got.fileIdLow()).as(where).isEqualTo(want.fileId());
            assertThat(got.parentIdLow()).as(where).isEqualTo(want.parentId());
            assertThat(got.majorVersion()).as(where).isEqualTo(want.majorVersion() == 4 ? 4 : 2);
        }
        for (UsnRecord later : records.subList(268, 271)) {
            assertThat(later.majorVersion()).isEqualTo(2);
            assertThat(later.usn()).isGreaterThanOrEqualTo(29792);
        }
        assertThat(records.stream().filter(r -> r.majorVersion() == 4).count()).isEqualTo(7);
    }

    @Test
    void v4RecordCarriesExtents() throws IOException {
        Path journal = SharedData.require(DFIR + "usn_1170955904.bin");
        CollectingSink sink = new CollectingSink();

        new UsnJournalReader(NtfsPathResolver.withoutMft("")).read(journal, sink);

        assertThat(sink.problems).isEmpty();
        assertThat(sink.events).hasSize(1);
        Event event = sink.events.get(0);
        assertThat(event.field("MajorVersion")).isEqualTo(4L);
        assertThat(event.field("NumberOfExtents")).isEqualTo(2L);
        assertThat((List<?>) event.field("Extents")).hasSize(2);
        assertThat(event.field("FileName")).isNull();
        assertThat(sink.locators.get(0)).isEqualTo("usn:1170955904");
    }

    static Stream<Arguments> manifestRows() throws IOException {
        Path manifest = SharedData.require("data/manifests/usn-manifest.csv");
        List<Arguments> rows = new ArrayList<>();
        List<String> lines = Files.readAllLines(manifest);
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",", -1);
            rows.add(
                    Arguments.of(
                            cells[0],
                            cells[1],
                            Integer.parseInt(cells[4]),
                            Integer.parseInt(cells[5]),
                            Integer.parseInt(cells[7]),
                            Integer.parseInt(cells[8]),
                            cells[9]));
        }
        return rows.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("manifestRows")
    void sampleCountsMatchManifest(
            String path, String inner, int records, int v2, int v4, int creates, String firstUsn)
            throws IOException {
        Path file = SharedData.require("data/" + path);
        if (!inner.isEmpty()) {
            file = unzip(file, inner);
        }
        List<ReadProblem> problems = new ArrayList<>();

        List<UsnRecord> read = readAll(file, problems);

        assertThat(problems).isEmpty();
        assertThat(read.size()).isEqualTo(records);
        assertThat(read.stream().filter(r -> r.majorVersion() == 2).count()).isEqualTo(v2);
        assertThat(read.stream().filter(r -> r.majorVersion() == 4).count()).isEqualTo(v4);
        // The manifest counts FILE_CREATE on named records only: V4 records repeat the flag.
        long namedCreates =
                read.stream()
                        .filter(r -> r.fileName() != null && r.hasReason(UsnReason.FILE_CREATE))
                        .count();
        assertThat(namedCreates).isEqualTo(creates);
        if (!firstUsn.isEmpty()) {
            assertThat(read.get(0).usn()).isEqualTo(Long.parseLong(firstUsn));
        }
        assertThat(UsnJournalReader.looksLikeUsn(file)).isTrue();
    }

    private Path unzip(Path zip, String inner) throws IOException {
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                if (entry.getName().equals(inner)) {
                    Path out = temp.resolve(inner);
                    Files.copy((InputStream) in, out);
                    return out;
                }
            }
        }
        throw new IOException(inner + " not found in " + zip);
    }

    @Test
    void leadingSparseZerosAreSkipped() throws IOException {
        long usn = 40L << 20;
        byte[] record = v2(usn, reference(100, 2), reference(5, 5), UsnReason.FILE_CREATE, "a.txt");
        Path file = temp.resolve("sparse.bin");
        try (var channel =
                java.nio.channels.FileChannel.open(
                        file,
                        java.nio.file.StandardOpenOption.CREATE_NEW,
                        java.nio.file.StandardOpenOption.WRITE,
                        java.nio.file.StandardOpenOption.SPARSE)) {
            channel.write(java.nio.ByteBuffer.wrap(record), usn);
        }
        CollectingSink sink = new CollectingSink();

        new UsnJournalReader(NtfsPathResolver.withoutMft("C:")).read(file, sink);

        assertThat(sink.problems).isEmpty();
        assertThat(sink.locators).containsExactly("usn:" + usn);
        assertThat(sink.events.get(0).field("TargetFilename")).isEqualTo("C:\\a.txt");
        assertThat(UsnJournalReader.looksLikeUsn(file)).isTrue();
    }

    @Test
    void gigabytesOfZerosAreProbedNotRead() throws IOException {
        long usn = 64L << 30;
        byte[] first = v2(usn, reference(100, 2), reference(5, 5), UsnReason.FILE_CREATE, "a.txt");
        byte[] second =
                v2(
                        usn + first.length,
                        reference(100, 2),
                        reference(5, 5),
                        UsnReason.CLOSE,
                        "a.txt");
        VirtualSparseChannel channel = new VirtualSparseChannel(usn, concat(first, second));
        CollectingSink sink = new CollectingSink();

        new UsnJournalReader(NtfsPathResolver.withoutMft("")).read(channel, "virtual", sink);

        assertThat(sink.problems).isEmpty();
        assertThat(sink.locators).containsExactly("usn:" + usn, "usn:" + (usn + first.length));
        assertThat(channel.bytesRead()).isLessThan(channel.size() / 100);
    }

    @Test
    void largeJournalIsReadOnce() throws IOException {
        int count = 50_000;
        java.io.ByteArrayOutputStream journal = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < count; i++) {
            int reason = i % 2 == 0 ? UsnReason.FILE_CREATE : UsnReason.CLOSE;
            journal.writeBytes(
                    v2(
                            journal.size(),
                            reference(1000 + i / 2, 1),
                            reference(5, 5),
                            reason,
                            "f.txt"));
        }
        VirtualSparseChannel channel = new VirtualSparseChannel(0, journal.toByteArray());
        CollectingSink sink = new CollectingSink();

        new UsnJournalReader(NtfsPathResolver.withoutMft("")).read(channel, "virtual", sink);

        assertThat(sink.problems).isEmpty();
        assertThat(sink.events).hasSize(count);
        assertThat(channel.bytesRead()).isLessThan(2 * channel.size());
    }

    @Test
    void zeroFilledPageTailIsSkipped() throws IOException {
        byte[] first = v2(0, reference(100, 2), reference(5, 5), UsnReason.FILE_CREATE, "a.txt");
        byte[] tail = new byte[4096 - first.length];
        byte[] second = v2(4096, reference(101, 2), reference(5, 5), UsnReason.CLOSE, "b.txt");
        Path file = Files.write(temp.resolve("tail.bin"), concat(first, tail, second));
        CollectingSink sink = new CollectingSink();

        new UsnJournalReader(NtfsPathResolver.withoutMft("")).read(file, sink);

        assertThat(sink.problems).isEmpty();
        assertThat(sink.locators).containsExactly("usn:0", "usn:4096");
    }

    @Test
    void randomBytesAreReportedNotFatal() throws IOException {
        byte[] junk = new byte[64 * 1024];
        new Random(42).nextBytes(junk);
        junk[0] = 1;
        byte[] valid = v2(777, reference(9, 1), reference(5, 5), UsnReason.FILE_CREATE, "z.txt");
        Path file = Files.write(temp.resolve("random.bin"), concat(junk, valid));
        CollectingSink sink = new CollectingSink();

        new UsnJournalReader(NtfsPathResolver.withoutMft("")).read(file, sink);

        assertThat(sink.problems).isNotEmpty();
        assertThat(sink.problems.get(0).location()).isEqualTo("offset:0x0");
        assertThat(sink.locators).endsWith("usn:777");
        assertThat(UsnJournalReader.looksLikeUsn(junk, junk.length)).isFalse();
    }

    @Test
    void zeroLengthRecordIsReportedAndSkipped() throws IOException {
        byte[] first = v2(0, reference(100, 2), reference(5, 5), UsnReason.FILE_CREATE, "a.txt");
        byte[] broken = v2(first.length, reference(101, 2), reference(5, 5), 0, "b.txt");
        broken[0] = 0;
        byte[] third =
                v2(
                        first.length + broken.length,
                        reference(102, 2),
                        reference(5, 5),
                        UsnReason.CLOSE,
                        "c.txt");
        Path file = Files.write(temp.resolve("zero.bin"), concat(first, broken, third));
        CollectingSink sink = new CollectingSink();

        new UsnJournalReader(NtfsPathResolver.withoutMft("")).read(file, sink);

        assertThat(sink.problems).hasSize(1);
        ReadProblem problem = sink.problems.get(0);
        assertThat(problem.location()).isEqualTo("offset:0x" + Integer.toHexString(first.length));
        assertThat(problem.message()).contains("RecordLength", "found 0");
        assertThat(sink.locators).containsExactly("usn:0", "usn:" + (first.length + broken.length));
    }

    @Test
    void recordPastEndIsReported() throws IOException {
        byte[] first = v2(0, reference(100, 2), reference(5, 5), UsnReason.FILE_CREATE, "a.txt");
        byte[] cut = v2(first.length, reference(101, 2), reference(5, 5), 0, "long-name.txt");
        byte[] truncated = java.util.Arrays.copyOf(cut, cut.length - 16);
        Path file = Files.write(temp.resolve("cut.bin"), concat(first, truncated));
        CollectingSink sink = new CollectingSink();

        new UsnJournalReader(NtfsPathResolver.withoutMft("")).read(file, sink);

        assertThat(sink.locators).containsExactly("usn:0");
        assertThat(sink.problems).hasSize(1);
        ReadProblem problem = sink.problems.get(0);
        assertThat(problem.location()).isEqualTo("offset:0x" + Integer.toHexString(first.length));
        assertThat(problem.message()).contains("runs past the end");
    }

    @Test
    void v3RecordCarries128BitIds() throws IOException {
        byte[] name = "report.docx".getBytes(StandardCharsets.UTF_16LE);
        int length = (76 + name.length + 7) / 8 * 8;
        java.nio.ByteBuffer record =
                java.nio.ByteBuffer.allocate(length).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        record.putInt(0, length);
        record.putShort(4, (short) 3);
        record.putLong(8, reference(77, 3));
        record.putLong(24, reference(5, 5));
        record.putLong(40, 4096);
        record.putLong(48, UsnTestRecords.FILETIME);
        record.putInt(56, UsnReason.FILE_CREATE);
        record.putInt(68, 0x20);
        record.putShort(72, (short) name.length);
        record.putShort(74, (short) 76);
        record.put(76, name);
        Path file = Files.write(temp.resolve("v3.bin"), record.array());
        CollectingSink sink = new CollectingSink();

        new UsnJournalReader(NtfsPathResolver.withoutMft("C:")).read(file, sink);

        assertThat(sink.problems).isEmpty();
        Event event = sink.events.get(0);
        assertThat(event.field("MajorVersion")).isEqualTo(3L);
        assertThat(event.field("FileReferenceNumber"))
                .isEqualTo("0000000000000000000300000000004d");
        assertThat(event.field("FileEntry")).isEqualTo(77L);
        assertThat(event.field("FileSequence")).isEqualTo(3L);
        assertThat(event.field("TargetFilename")).isEqualTo("C:\\report.docx");
        assertThat(event.field("TimeStamp")).isEqualTo("2021-12-04T21:19:16.0000000Z");
        assertThat(event.field("Reason")).isEqualTo(List.of("FILE_CREATE"));
        assertThat(event.field("FileAttributes")).isEqualTo(List.of("ARCHIVE"));
        assertThat(sink.locators).containsExactly("usn:4096");
    }

    @Test
    void reasonAndAttributeNamesDecode() {
        assertThat(UsnReason.names(0x80008103L))
                .containsExactly(
                        "DATA_OVERWRITE",
                        "DATA_EXTEND",
                        "FILE_CREATE",
                        "BASIC_INFO_CHANGE",
                        "CLOSE");
        assertThat(UsnReason.names(0x40000000L)).containsExactly("0x40000000");
        assertThat(FileAttributes.names(0x30)).containsExactly("DIRECTORY", "ARCHIVE");
    }
}
