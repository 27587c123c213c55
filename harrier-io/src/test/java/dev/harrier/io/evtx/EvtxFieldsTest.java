package dev.harrier.io.evtx;

import dev.harrier.io.CsvTable;

import static org.assertj.core.api.Assertions.assertThat;

import dev.harrier.core.event.Event;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Field values of real records, checked against values known from other sources. */
class EvtxFieldsTest {
    private static final Pattern RECORD_ID = Pattern.compile("EventRecordID (\\d+)");

    @Test
    void sysmonFileCreateOfPsexecService() {
        Path file =
                SharedData.resolve(
                        "data/evtx/EVTX-ATTACK-SAMPLES/Lateral Movement/"
                                + "remote_file_copy_system_proc_file_write_sysmon_11.evtx");

        CollectingSink sink = CollectingSink.read(file);
        Event event = sink.byRecordId(263572);

        assertThat(sink.problems).isEmpty();
        assertThat(event.shape()).isEqualTo("evtx");
        assertThat(event.field("TargetFilename")).isEqualTo("C:\\Windows\\PSEXESVC.exe");
        assertThat(event.field("Image")).isEqualTo("System");
        assertThat(event.field("EventID")).isEqualTo(11L);
        assertThat(event.field("EventRecordID")).isEqualTo(263572L);
        assertThat(event.field("Channel")).isEqualTo("Microsoft-Windows-Sysmon/Operational");
        assertThat(event.field("Provider_Name")).isEqualTo("Microsoft-Windows-Sysmon");
        assertThat(event.field("Provider_Guid"))
                .isEqualTo("{5770385F-C22A-43E0-BF4C-06F5698FFBD9}");
        assertThat(event.field("Keywords")).isEqualTo("0x8000000000000000");
        assertThat(event.field("Security_UserID")).isEqualTo("S-1-5-18");
        assertThat(event.field("Execution_ProcessID")).isEqualTo(2580L);
        assertThat(event.field("TimeCreated")).isEqualTo("2020-08-27T11:40:56.3970861Z");
        assertThat(event.timestamp()).isEqualTo(Instant.parse("2020-08-27T11:40:56.3970861Z"));
        assertThat(event.field("RuleName")).isEqualTo("");
        assertThat(event.hasField("Correlation_ActivityID")).isFalse();
        assertThat(event.hasField("Qualifiers")).isFalse();
    }

    @Test
    void psexecFixturesMatchAnswerKey() throws Exception {
        Path fixtures = SharedData.resolve("fixtures/psexec-key");
        List<Map<String, String>> rows =
                CsvTable.read(fixtures.resolve("expected.csv")).stream()
                        .filter(row -> row.get("file").startsWith("evtx/"))
                        .toList();
        assertThat(rows).isNotEmpty();

        for (String file : rows.stream().map(row -> row.get("file")).distinct().toList()) {
            CollectingSink sink = CollectingSink.read(fixtures.resolve(file));
            List<Map<String, String>> fileRows =
                    rows.stream().filter(row -> row.get("file").equals(file)).toList();

            assertThat(sink.problems).as("problems of %s", file).isEmpty();
            assertThat(sink.events).as("records of %s", file).hasSize(fileRows.size());
            for (Map<String, String> row : fileRows) {
                Matcher matcher = RECORD_ID.matcher(row.get("locator"));
                assertThat(matcher.find()).as("locator %s", row.get("locator")).isTrue();
                Event event = sink.byRecordId(Long.parseLong(matcher.group(1)));
                String expected = row.get("target_filename");
                if (expected.isEmpty()) {
                    assertThat(event.field("TargetFilename")).as(row.get("locator")).isNull();
                } else {
                    assertThat(event.field("TargetFilename"))
                            .as(row.get("locator"))
                            .isEqualTo(expected);
                }
            }
        }
    }

    @Test
    void securityLogonFieldsAndTypes() {
        Path file = SharedData.resolve("data/evtx/omerbenamram/samples/security.evtx");

        CollectingSink sink = CollectingSink.read(file);
        Event logon = sink.byRecordId(2);

        assertThat(logon.field("EventID")).isEqualTo(4624L);
        assertThat(logon.field("TargetUserSid")).isEqualTo("S-1-5-18");
        assertThat(logon.field("TargetUserName")).isEqualTo("SYSTEM");
        assertThat(logon.field("TargetLogonId")).isEqualTo("0x3e7");
        assertThat(logon.field("LogonType")).isEqualTo(0L);
        assertThat(logon.field("LogonGuid")).isEqualTo("{00000000-0000-0000-0000-000000000000}");
        assertThat(logon.field("ProcessName")).isEqualTo("");
        assertThat(logon.hasField("Security_UserID")).isFalse();
        assertThat(sink.locators.get(1)).isEqualTo("2");
    }

    @Test
    void systemQualifiersAndUnnamedData() {
        Path file = SharedData.resolve("data/evtx/omerbenamram/samples/2-vss_7-System.evtx");

        CollectingSink sink = CollectingSink.read(file);
        List<Event> withQualifiers =
                sink.events.stream()
                        .filter(event -> event.fields().containsKey("Qualifiers"))
                        .toList();

        assertThat(withQualifiers).isNotEmpty();
        assertThat(withQualifiers.get(0).field("Qualifiers")).isInstanceOf(Long.class);
        assertThat(sink.events)
                .allSatisfy(
                        event -> {
                            assertThat(event.field("EventID")).isInstanceOf(Long.class);
                            assertThat(event.field("EventRecordID")).isInstanceOf(Long.class);
                            assertThat(event.timestamp()).isNotNull();
                        });
    }

    @Test
    void parallelAndSequentialReadsAgree() {
        Path file = SharedData.resolve("data/evtx/omerbenamram/samples/2-vss_7-System.evtx");

        CollectingSink sequential = CollectingSink.read(file, new EvtxReadOptions(1, true));
        CollectingSink parallel = CollectingSink.read(file, new EvtxReadOptions(3, true));

        assertThat(parallel.locators).isEqualTo(sequential.locators);
        assertThat(parallel.problems).isEqualTo(sequential.problems);
        for (int i = 0; i < sequential.events.size(); i++) {
            assertThat(parallel.events.get(i).fields())
                    .isEqualTo(sequential.events.get(i).fields());
        }
    }
}
