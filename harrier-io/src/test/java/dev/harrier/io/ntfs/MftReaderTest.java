package dev.harrier.io.ntfs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.harrier.core.event.Event;
import dev.harrier.io.ReadProblem;
import dev.harrier.io.testing.CollectingSink;
import dev.harrier.io.testing.SharedData;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

class MftReaderTest {
    private static final String DFIR = "data/ntfs/dfir_ntfs/test_data/";
    private static final String FIXTURE_MFT = "fixtures/psexec-key/ntfs/MFT.bin";

    @TempDir Path temp;

    /**
     * Reads an {@code fls -r -p} listing into entry number and path with backslashes. Stream
     * suffixes ({@code :$SDS}) and the virtual {@code $OrphanFiles} folder are dropped.
     */
    static Map<String, Long> readFlsPaths(Path listing) throws IOException {
        Map<String, Long> paths = new LinkedHashMap<>();
        for (String line : Files.readAllLines(listing, StandardCharsets.UTF_8)) {
            String[] columns = line.split("\t");
            if (columns.length < 2 || line.startsWith("V/V")) {
                continue;
            }
            String inode = columns[0].substring(columns[0].indexOf(' ') + 1);
            long entry = Long.parseLong(inode.substring(0, inode.indexOf('-')));
            String path = columns[1];
            int stream = path.indexOf(':');
            if (stream >= 0) {
                path = path.substring(0, stream);
            }
            paths.put("\\" + path.replace('/', '\\'), entry);
        }
        return paths;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"4k-large", "orphan", "unicode"})
    void pathsMatchSleuthKitListing(String sample) throws IOException {
        Path mft = SharedData.require(DFIR + sample + ".mft");
        Map<String, Long> expected = readFlsPaths(SharedData.require(DFIR + sample + ".fls"));
        CollectingSink sink = new CollectingSink();

        new MftReader("").read(mft, sink);

        Map<Long, Event> byEntry = new LinkedHashMap<>();
        for (Event event : sink.events) {
            byEntry.put((Long) event.field("EntryNumber"), event);
        }
        assertThat(expected).isNotEmpty();
        for (Map.Entry<String, Long> listed : expected.entrySet()) {
            Event event = byEntry.get(listed.getValue());
            assertThat(event).as("entry %d", listed.getValue()).isNotNull();
            assertThat(event.field("TargetFilename"))
                    .as("entry %d", listed.getValue())
                    .isEqualTo(listed.getKey());
            assertThat(event.field("InUse")).as("entry %d", listed.getValue()).isEqualTo(true);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"4k-large", "orphan", "unicode", "deleted", "slack"})
    void samplesReadWithoutProblems(String sample) throws IOException {
        Path mft = SharedData.require(DFIR + sample + ".mft");
        CollectingSink sink = new CollectingSink();

        new MftReader("").read(mft, sink);

        assertThat(sink.problems).isEmpty();
        assertThat(sink.events).isNotEmpty();
        assertThat(MftReader.looksLikeMft(Files.readAllBytes(mft), 6)).isTrue();
    }

    @Test
    void rootAndTimesAreRead() throws IOException {
        Path mft = SharedData.require(FIXTURE_MFT);
        CollectingSink sink = new CollectingSink();

        new MftReader("C:").read(mft, sink);

        Map<String, Event> events = sink.byLocator();
        Event root = events.get("entry:5");
        assertThat(root.field("TargetFilename")).isEqualTo("C:\\");
        assertThat(root.field("IsDirectory")).isEqualTo(true);
        Event key = events.get("entry:151");
        assertThat(key.field("TargetFilename"))
                .isEqualTo("C:\\Windows\\PSEXEC-MSEDGEWIN10CLON-2C95E0B7.key");
        assertThat(key.field("FileNameNamespace")).isEqualTo("Win32");
        assertThat(key.field("ParentEntry")).isEqualTo(40L);
        assertThat(key.field("ParentSequence")).isEqualTo(1L);
        assertThat((String) key.field("Created")).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        assertThat(key.field("CreationUtcTime")).isEqualTo(key.field("Created"));
        assertThat(key.field("FnCreated")).isNotNull();
    }

    @Test
    void brokenFixupIsReportedAndReadingGoesOn() throws IOException {
        byte[] bytes = Files.readAllBytes(SharedData.require(FIXTURE_MFT));
        int entry = 112;
        int sectorTail = entry * 1024 + 510;
        bytes[sectorTail] ^= 0x5a;
        Path broken = Files.write(temp.resolve("broken.mft"), bytes);
        CollectingSink sink = new CollectingSink();

        new MftReader("C:").read(broken, sink);

        assertThat(sink.problems).hasSize(1);
        ReadProblem problem = sink.problems.get(0);
        assertThat(problem.location()).isEqualTo("entry:112");
        assertThat(problem.message())
                .contains("fixup", "offset 0x" + Integer.toHexString(sectorTail));
        Map<String, Event> events = sink.byLocator();
        assertThat(events).doesNotContainKey("entry:112").containsKey("entry:113");
        assertThat(events.get("entry:151").field("TargetFilename"))
                .isEqualTo("C:\\Windows\\PSEXEC-MSEDGEWIN10CLON-2C95E0B7.key");
    }

    @Test
    void missingParentIsMarkedNotGuessed() throws IOException {
        byte[] bytes = Files.readAllBytes(SharedData.require(FIXTURE_MFT));
        // Wipe entry 40 (C:\Windows): its children keep a parent reference that no longer resolves.
        java.util.Arrays.fill(bytes, 40 * 1024, 41 * 1024, (byte) 0);
        Path wiped = Files.write(temp.resolve("wiped.mft"), bytes);
        CollectingSink sink = new CollectingSink();

        new MftReader("C:").read(wiped, sink);

        assertThat(sink.byLocator().get("entry:151").field("TargetFilename"))
                .isEqualTo("<unknown parent 40-1>\\PSEXEC-MSEDGEWIN10CLON-2C95E0B7.key");
    }

    @Test
    void reusedParentSequenceIsMarked() throws IOException {
        MftIndex index = MftIndex.build(SharedData.require(FIXTURE_MFT));
        NtfsPathResolver resolver = index.pathResolver("C:");

        assertThat(resolver.directoryPath(new FileReference(40, 1))).isEqualTo("C:\\Windows");
        assertThat(resolver.filePath(new FileReference(40, 2), "x.key"))
                .isEqualTo("<unknown parent 40-2>\\x.key");
        assertThat(resolver.filePath(new FileReference(99_999, 1), "x.key"))
                .isEqualTo("<unknown parent 99999-1>\\x.key");
    }

    @Test
    void deletedEntriesAreFlagged() throws IOException {
        Path mft = SharedData.require(FIXTURE_MFT);
        CollectingSink sink = new CollectingSink();

        new MftReader("C:").read(mft, sink);

        List<Long> deleted = new ArrayList<>();
        for (Event event : sink.events) {
            if (Boolean.FALSE.equals(event.field("InUse"))) {
                deleted.add((Long) event.field("EntryNumber"));
            }
        }
        assertThat(deleted).contains(131L, 158L);
    }
}
