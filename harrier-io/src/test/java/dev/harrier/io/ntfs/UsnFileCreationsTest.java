package dev.harrier.io.ntfs;

import static dev.harrier.io.ntfs.UsnTestRecords.reference;

import static org.assertj.core.api.Assertions.assertThat;

import dev.harrier.core.event.Event;
import dev.harrier.io.ReadProblem;
import dev.harrier.io.testing.CollectingSink;
import dev.harrier.io.testing.SharedData;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

class UsnFileCreationsTest {
    private static final long ROOT = reference(5, 5);
    private long nextUsn = 1000;

    /** Parses a record built by {@link UsnTestRecords#v2} at the next USN. */
    private UsnRecord record(long file, int reason, String name) {
        byte[] bytes = UsnTestRecords.v2(nextUsn, file, ROOT, reason, name);
        nextUsn += bytes.length;
        try {
            return UsnRecordParser.parse(new FieldReader(bytes, 0));
        } catch (NtfsFormatException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void creationEventsFollowFirstRecordOrder() {
        CollectingSink sink = new CollectingSink();
        UsnFileCreations creations = new UsnFileCreations(NtfsPathResolver.withoutMft("C:"), sink);
        long fileA = reference(100, 1);
        long fileB = reference(101, 1);

        UsnRecord firstA = record(fileA, UsnReason.FILE_CREATE, "a.txt");
        creations.record(firstA);
        UsnRecord firstB = record(fileB, UsnReason.FILE_CREATE, "b.txt");
        creations.record(firstB);
        creations.record(record(fileB, UsnReason.FILE_CREATE | UsnReason.CLOSE, "b.txt"));
        assertThat(sink.events).isEmpty();
        creations.record(record(fileA, UsnReason.FILE_CREATE | UsnReason.DATA_EXTEND, "a.txt"));
        creations.record(
                record(
                        fileA,
                        UsnReason.FILE_CREATE | UsnReason.DATA_EXTEND | UsnReason.CLOSE,
                        "a.txt"));
        creations.end();

        assertThat(sink.locators).containsExactly("usn:" + firstA.usn(), "usn:" + firstB.usn());
        Event a = sink.events.get(0);
        assertThat(a.field("TargetFilename")).isEqualTo("C:\\a.txt");
        assertThat(a.field("RecordCount")).isEqualTo(3L);
        assertThat(a.field("Reason")).isEqualTo(List.of("DATA_EXTEND", "FILE_CREATE", "CLOSE"));
        assertThat(a.field("Closed")).isEqualTo(true);
        assertThat(a.field("CreationUtcTime")).isEqualTo("2021-12-04T21:19:16.0000000Z");
    }

    @Test
    void renameBeforeCloseIsKept() {
        CollectingSink sink = new CollectingSink();
        UsnFileCreations creations = new UsnFileCreations(NtfsPathResolver.withoutMft(""), sink);
        long file = reference(200, 3);

        creations.record(record(file, UsnReason.FILE_CREATE, "tmp1.tmp"));
        creations.record(
                record(file, UsnReason.FILE_CREATE | UsnReason.RENAME_OLD_NAME, "tmp1.tmp"));
        creations.record(
                record(file, UsnReason.FILE_CREATE | UsnReason.RENAME_NEW_NAME, "final.key"));
        creations.record(
                record(
                        file,
                        UsnReason.FILE_CREATE | UsnReason.RENAME_NEW_NAME | UsnReason.CLOSE,
                        "final.key"));
        creations.end();

        assertThat(sink.events).hasSize(1);
        assertThat(sink.events.get(0).field("TargetFilename")).isEqualTo("\\tmp1.tmp");
        assertThat(sink.events.get(0).field("RenamedTo")).isEqualTo("\\final.key");
    }

    @Test
    void unclosedCreationIsSentAtEnd() {
        CollectingSink sink = new CollectingSink();
        UsnFileCreations creations = new UsnFileCreations(NtfsPathResolver.withoutMft(""), sink);

        creations.record(record(reference(300, 1), UsnReason.FILE_CREATE, "open.log"));
        creations.record(record(reference(301, 1), UsnReason.DATA_EXTEND, "old.log"));
        assertThat(sink.events).isEmpty();
        creations.end();

        assertThat(sink.events).hasSize(1);
        assertThat(sink.events.get(0).field("Closed")).isEqualTo(false);
    }

    @Test
    void dfirJournalCreationsMatchRecords() throws IOException {
        java.nio.file.Path journal =
                SharedData.require("data/ntfs/dfir_ntfs/test_data/usnjrnlj.bin");
        List<ReadProblem> problems = new ArrayList<>();
        List<UsnRecord> records = UsnJournalReaderTest.readAll(journal, problems);
        List<Long> expectedStarts = new ArrayList<>();
        Set<Long> open = new HashSet<>();
        for (UsnRecord record : records) {
            if (record.fileName() == null) {
                continue;
            }
            if (!open.contains(record.fileIdLow()) && record.hasReason(UsnReason.FILE_CREATE)) {
                expectedStarts.add(record.usn());
                open.add(record.fileIdLow());
            }
            if (record.hasReason(UsnReason.CLOSE)) {
                open.remove(record.fileIdLow());
            }
        }
        CollectingSink sink = new CollectingSink();

        new UsnJournalReader(NtfsPathResolver.withoutMft("")).readCreations(journal, sink);

        List<Long> usns = new ArrayList<>();
        for (Event event : sink.events) {
            usns.add((Long) event.field("Usn"));
        }
        assertThat(sink.problems).isEmpty();
        assertThat(usns).containsExactlyElementsOf(expectedStarts);
        assertThat(sink.events)
                .extracting(event -> (String) event.field("TargetFilename"))
                .contains("\\New folder", "\\$RECYCLE.BIN");
    }
}
