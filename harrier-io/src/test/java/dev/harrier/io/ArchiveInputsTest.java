package dev.harrier.io;

import static org.assertj.core.api.Assertions.assertThat;

import dev.harrier.io.json.JsonRecordReader;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

class ArchiveInputsTest {
    private final JsonRecordReader jsonReader = new JsonRecordReader();

    /** Reads JSON members into the sink and notes every member's path and format. */
    private final class JsonVisitor implements ArchiveInputs.MemberVisitor {
        final CollectingSink sink = new CollectingSink();
        final Map<String, InputFormat> members = new LinkedHashMap<>();

        @Override
        public void visit(ArchiveInputs.Member member) {
            members.put(member.path(), member.format());
            if (member.format() == InputFormat.JSON) {
                jsonReader.read(member.content(), member.path(), sink);
            }
        }
    }

    private static byte[] zip(Map<String, byte[]> members) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> member : members.entrySet()) {
                zip.putNextEntry(new ZipEntry(member.getKey()));
                zip.write(member.getValue());
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    private static byte[] gzip(byte[] content) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream gzip = new GZIPOutputStream(bytes)) {
            gzip.write(content);
        }
        return bytes.toByteArray();
    }

    private static byte[] jsonLines(int count) {
        StringBuilder text = new StringBuilder();
        for (int i = 1; i <= count; i++) {
            text.append("{\"EventID\": 1, \"n\": ")
                    .append(i)
                    .append(", \"pad\": \"")
                    .append(Integer.toHexString(i * 7919))
                    .append("\"}\n");
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static JsonVisitor read(
            ArchiveInputs inputs, byte[] data, String path, List<ReadProblem> problems) {
        ArchiveInputsTest test = new ArchiveInputsTest();
        JsonVisitor visitor = test.new JsonVisitor();
        inputs.read(new ByteArrayInputStream(data), path, visitor, problems::add);
        return visitor;
    }

    @Test
    void readsOtrfZipsWithManifestCounts() throws IOException {
        Path manifest = SharedData.require("data/manifests/otrf-manifest.csv");
        Path data = SharedData.require("data");
        ArchiveInputs inputs = new ArchiveInputs();
        SoftAssertions softly = new SoftAssertions();
        int archives = 0;

        for (Map<String, String> row : CsvTable.read(manifest)) {
            Path archive = data.resolve(row.get("path"));
            JsonVisitor visitor = new JsonVisitor();
            List<ReadProblem> problems = new ArrayList<>();

            inputs.read(archive, visitor, problems::add);

            softly.assertThat(problems).as("%s archive problems", archive).isEmpty();
            softly.assertThat(visitor.sink.problems).as("%s record problems", archive).isEmpty();
            softly.assertThat(visitor.sink.events.size())
                    .as("%s events", archive)
                    .isEqualTo(Integer.parseInt(row.get("json_events")));
            softly.assertThat(visitor.members.keySet())
                    .as("%s members", archive)
                    .containsExactly(archive + "!" + row.get("inner_files"));
            archives++;
        }

        softly.assertAll();
        assertThat(archives).isEqualTo(30);
    }

    @Test
    void otrfPsexecDumpHasPsexesvcCreation() {
        String folder = "data/otrf/Security-Datasets/datasets/atomic/windows/credential_access/";
        Path archive = SharedData.require(folder + "host/cmd_psexec_lsa_secrets_dump.zip");
        JsonVisitor visitor = new JsonVisitor();

        new ArchiveInputs().read(archive, visitor, p -> {});

        assertThat(visitor.sink.events)
                .filteredOn(e -> "C:\\Windows\\PSEXESVC.exe".equals(e.field("TargetFilename")))
                .isNotEmpty()
                .allMatch(e -> "Microsoft-Windows-Sysmon".equals(e.field("Provider_Name")))
                .allMatch(e -> "WORKSTATION5".equals(e.field("Computer")));
    }

    @Test
    void detectsMemberFormatInSharedZip() throws IOException {
        Path archive = SharedData.require("data/ntfs/USN-Journal-Parser/tests/usnjrnl.zip");
        Map<String, InputFormat> formats = new LinkedHashMap<>();
        List<Integer> sizes = new ArrayList<>();
        List<ReadProblem> problems = new ArrayList<>();

        new ArchiveInputs()
                .read(
                        archive,
                        member -> {
                            formats.put(member.path(), member.format());
                            sizes.add(member.content().readAllBytes().length);
                        },
                        problems::add);

        assertThat(problems).isEmpty();
        assertThat(formats).containsExactly(Map.entry(archive + "!usnjrnl.bin", InputFormat.USN));
        assertThat(sizes).containsExactly(1000);
    }

    @Test
    void readsNestedArchivesWithMemberPaths() throws IOException {
        byte[] inner = zip(Map.of("deep/b.json", jsonLines(2)));
        Map<String, byte[]> members = new LinkedHashMap<>();
        members.put("a.jsonl", jsonLines(3));
        members.put("inner.zip", inner);
        members.put("c.json.gz", gzip(jsonLines(4)));
        members.put("notes.txt", "hello".getBytes(StandardCharsets.UTF_8));
        members.put("empty/", new byte[0]);
        List<ReadProblem> problems = new ArrayList<>();

        JsonVisitor visitor = read(new ArchiveInputs(), zip(members), "outer.zip", problems);

        assertThat(problems).isEmpty();
        assertThat(visitor.members)
                .containsExactly(
                        Map.entry("outer.zip!a.jsonl", InputFormat.JSON),
                        Map.entry("outer.zip!inner.zip!deep/b.json", InputFormat.JSON),
                        Map.entry("outer.zip!c.json.gz!c.json", InputFormat.JSON),
                        Map.entry("outer.zip!notes.txt", InputFormat.UNKNOWN));
        assertThat(visitor.sink.events).hasSize(9);
    }

    @Test
    void passesPlainFileThrough(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("events.log");
        Files.write(file, jsonLines(2));
        List<ArchiveInputs.Member> seen = new ArrayList<>();

        new ArchiveInputs().read(file, seen::add, p -> {});

        assertThat(seen).hasSize(1);
        assertThat(seen.get(0).path()).isEqualTo(file.toString());
        assertThat(seen.get(0).format()).isEqualTo(InputFormat.JSON);
        assertThat(seen.get(0).file()).isEqualTo(file);
    }

    @Test
    void unreadMemberDoesNotStopArchive() throws IOException {
        Map<String, byte[]> members = new LinkedHashMap<>();
        members.put("a.json", jsonLines(5));
        members.put("b.json", jsonLines(6));
        members.put("c.json", jsonLines(7));
        List<String> firstLines = new ArrayList<>();

        new ArchiveInputs()
                .read(
                        new ByteArrayInputStream(zip(members)),
                        "x.zip",
                        member -> {
                            firstLines.add(
                                    new String(
                                            member.content().readNBytes(20),
                                            StandardCharsets.UTF_8));
                            member.content().close();
                        },
                        p -> {
                            throw new AssertionError(p.toString());
                        });

        assertThat(firstLines).hasSize(3).allMatch(line -> line.startsWith("{\"EventID\": 1"));
    }

    @Test
    void copiesMemberToTempFile() throws IOException {
        byte[] content = jsonLines(50);
        List<byte[]> copies = new ArrayList<>();

        new ArchiveInputs()
                .read(
                        new ByteArrayInputStream(zip(Map.of("a.json", content))),
                        "x.zip",
                        member -> {
                            Path temp = member.copyToTempFile();
                            copies.add(Files.readAllBytes(temp));
                            Files.delete(temp);
                        },
                        p -> {});

        assertThat(copies).hasSize(1);
        assertThat(copies.get(0)).isEqualTo(content);
    }

    @Test
    void zipBombMemberIsStoppedByRatio() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        long bombBytes = ArchiveInputs.RATIO_CHECK_MIN_BYTES + 16 * 1024 * 1024;
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("bomb.json"));
            zip.write("{\"a\":\"".getBytes(StandardCharsets.UTF_8));
            byte[] block = new byte[1024 * 1024];
            Arrays.fill(block, (byte) 'A');
            for (long written = 0; written < bombBytes; written += block.length) {
                zip.write(block);
            }
            zip.write("\"}\n".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry("after.json"));
            zip.write(jsonLines(1));
            zip.closeEntry();
        }
        List<ReadProblem> problems = new ArrayList<>();

        JsonVisitor visitor = read(new ArchiveInputs(), bytes.toByteArray(), "bomb.zip", problems);

        assertThat(visitor.sink.events).isEmpty();
        assertThat(visitor.members).containsOnlyKeys("bomb.zip!bomb.json");
        assertThat(problems).hasSize(1);
        assertThat(problems.get(0).path()).isEqualTo("bomb.zip!bomb.json");
        assertThat(problems.get(0).message())
                .contains("compression ratio above 200:1")
                .contains("the rest of bomb.zip is not read");
    }

    @Test
    void totalUncompressedCapStopsArchive() throws IOException {
        Map<String, byte[]> members = new LinkedHashMap<>();
        for (int i = 0; i < 10; i++) {
            members.put("m" + i + ".json", jsonLines(1000));
        }
        long cap = 7L * jsonLines(1000).length / 2;
        ArchiveInputs.Limits limits =
                new ArchiveInputs.Limits(cap, 1_000_000, 0, ArchiveInputs.MAX_ARCHIVE_DEPTH, 100);
        List<ReadProblem> problems = new ArrayList<>();

        JsonVisitor visitor = read(new ArchiveInputs(limits), zip(members), "big.zip", problems);

        assertThat(visitor.members).hasSize(4);
        assertThat(visitor.sink.events.size()).isBetween(3000, 3999);
        assertThat(problems).hasSize(1);
        assertThat(problems.get(0).message()).contains("MAX_TOTAL_UNCOMPRESSED_BYTES");
        assertThat(visitor.sink.problems).hasSize(1);
        assertThat(visitor.sink.problems.get(0).path()).isEqualTo("big.zip!m3.json");
    }

    @Test
    void memberCountCapStopsArchive() throws IOException {
        Map<String, byte[]> members = new LinkedHashMap<>();
        for (int i = 0; i < 5; i++) {
            members.put("m" + i + ".json", jsonLines(1));
        }
        ArchiveInputs.Limits limits = new ArchiveInputs.Limits(1L << 30, 200, 0, 4, 3);
        List<ReadProblem> problems = new ArrayList<>();

        JsonVisitor visitor = read(new ArchiveInputs(limits), zip(members), "many.zip", problems);

        assertThat(visitor.members).hasSize(3);
        assertThat(problems)
                .extracting(ReadProblem::message)
                .singleElement()
                .asString()
                .contains("MAX_MEMBERS");
    }

    @Test
    void nestingBeyondDepthLimitIsReported() throws IOException {
        byte[] data = jsonLines(1);
        String name = "a.json";
        for (int level = 0; level < ArchiveInputs.MAX_ARCHIVE_DEPTH + 1; level++) {
            data = zip(Map.of(name, data));
            name = "level" + level + ".zip";
        }
        List<ReadProblem> problems = new ArrayList<>();

        JsonVisitor visitor = read(new ArchiveInputs(), data, "top.zip", problems);

        assertThat(visitor.sink.events).isEmpty();
        assertThat(problems).hasSize(1);
        assertThat(problems.get(0).message()).contains("nested deeper than 4 levels");
        assertThat(problems.get(0).path())
                .isEqualTo("top.zip!level3.zip!level2.zip!level1.zip!level0.zip");
    }

    @Test
    void truncatedGzipReportedAfterRecords(@TempDir Path dir) throws IOException {
        byte[] whole = gzip(jsonLines(5000));
        Path file = dir.resolve("events.json.gz");
        Files.write(file, Arrays.copyOf(whole, whole.length / 2));
        JsonVisitor visitor = new JsonVisitor();
        List<ReadProblem> problems = new ArrayList<>();

        new ArchiveInputs().read(file, visitor, problems::add);

        assertThat(problems).isEmpty();
        assertThat(visitor.sink.events.size()).isBetween(1, 4999);
        assertThat(visitor.sink.problems).hasSize(1);
        ReadProblem problem = visitor.sink.problems.get(0);
        assertThat(problem.path()).isEqualTo(file + "!events.json");
        assertThat(problem.location()).startsWith("line:");
        assertThat(problem.message()).contains("ends early");
    }

    @Test
    void truncatedZipIsReported() throws IOException {
        Map<String, byte[]> members = new LinkedHashMap<>();
        members.put("a.json", jsonLines(100));
        members.put("b.json", jsonLines(3000));
        byte[] whole = zip(members);
        List<ReadProblem> problems = new ArrayList<>();

        JsonVisitor visitor =
                read(
                        new ArchiveInputs(),
                        Arrays.copyOf(whole, whole.length * 2 / 3),
                        "cut.zip",
                        problems);

        assertThat(visitor.sink.events.size()).isBetween(100, 3099);
        List<ReadProblem> all = new ArrayList<>(problems);
        all.addAll(visitor.sink.problems);
        assertThat(all).isNotEmpty();
        assertThat(all).anyMatch(p -> p.path().startsWith("cut.zip!b.json"));
    }

    @Test
    void notGzipAfterMagicIsReported() {
        byte[] data = {(byte) 0x1F, (byte) 0x8B, 0x01, 0x02, 0x03};
        List<ReadProblem> problems = new ArrayList<>();

        JsonVisitor visitor = read(new ArchiveInputs(), data, "bad.gz", problems);

        assertThat(visitor.members).isEmpty();
        assertThat(problems).hasSize(1);
        assertThat(problems.get(0).path()).isEqualTo("bad.gz");
    }

    @Test
    void missingFileIsReported(@TempDir Path dir) {
        List<ReadProblem> problems = new ArrayList<>();

        new ArchiveInputs().read(dir.resolve("absent.zip"), m -> {}, problems::add);

        assertThat(problems).hasSize(1);
        assertThat(problems.get(0).location()).isEqualTo("file");
    }
}
