package dev.harrier.io.json;

import static org.assertj.core.api.Assertions.assertThat;

import dev.harrier.core.event.Event;
import dev.harrier.io.CollectingSink;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

class JsonShapesTest {
    private static Event parse(String json) {
        CollectingSink sink = new CollectingSink();
        new JsonRecordReader()
                .read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "t", sink);
        assertThat(sink.problems).isEmpty();
        assertThat(sink.events).hasSize(1);
        return sink.events.get(0);
    }

    @Test
    void evtxDumpFlattensSystem() {
        Event event =
                parse(
                        """
                        {"Event": {
                          "#attributes": {
                            "xmlns": "http://schemas.microsoft.com/win/2004/08/events/event"},
                          "System": {
                            "Provider": {"#attributes": {"Name": "Service Control Manager",
                               "Guid": "555908D1-A6D7-4695-8E1E-26931D2012F4",
                               "EventSourceName": "Service Control Manager"}},
                            "EventID": {"#attributes": {"Qualifiers": 16384}, "#text": 7045},
                            "Version": 0, "Level": 4, "Task": 0, "Opcode": 0,
                            "Keywords": "0x8080000000000000",
                            "TimeCreated": {
                              "#attributes": {"SystemTime": "2019-03-19T23:34:25.281215Z"}},
                            "EventRecordID": 314,
                            "Correlation": {
                              "#attributes": {
                                "ActivityID": "6B3DFF46-F4E6-4CDA-983B-76B101728AA5"}},
                            "Execution": {"#attributes": {"ProcessID": 580, "ThreadID": 4804}},
                            "Channel": "System",
                            "Computer": "WIN-77LTAPHIQ1R.example.corp",
                            "Security": {"#attributes": {"UserID": "S-1-5-21-1-2-3-500"}}},
                          "EventData": {"ServiceName": "psexesvc",
                            "ImagePath": "%SystemRoot%\\\\PSEXESVC.exe",
                            "Binary": "0A0B"}}}
                        """);

        assertThat(event.shape()).isEqualTo(JsonShapes.EVTX_DUMP);
        assertThat(event.field("Provider_Name")).isEqualTo("Service Control Manager");
        assertThat(event.field("Provider_Guid")).isEqualTo("555908D1-A6D7-4695-8E1E-26931D2012F4");
        assertThat(event.field("Provider_EventSourceName")).isEqualTo("Service Control Manager");
        assertThat(event.field("EventID")).isEqualTo(7045L);
        assertThat(event.field("Qualifiers")).isEqualTo(16384L);
        assertThat(event.field("Version")).isEqualTo(0L);
        assertThat(event.field("Level")).isEqualTo(4L);
        assertThat(event.field("Task")).isEqualTo(0L);
        assertThat(event.field("Opcode")).isEqualTo(0L);
        assertThat(event.field("Keywords")).isEqualTo("0x8080000000000000");
        assertThat(event.field("TimeCreated")).isEqualTo("2019-03-19T23:34:25.281215Z");
        assertThat(event.field("EventRecordID")).isEqualTo(314L);
        assertThat(event.field("Correlation_ActivityID"))
                .isEqualTo("6B3DFF46-F4E6-4CDA-983B-76B101728AA5");
        assertThat(event.field("Execution_ProcessID")).isEqualTo(580L);
        assertThat(event.field("Execution_ThreadID")).isEqualTo(4804L);
        assertThat(event.field("Channel")).isEqualTo("System");
        assertThat(event.field("Computer")).isEqualTo("WIN-77LTAPHIQ1R.example.corp");
        assertThat(event.field("Security_UserID")).isEqualTo("S-1-5-21-1-2-3-500");
        assertThat(event.field("ServiceName")).isEqualTo("psexesvc");
        assertThat(event.field("ImagePath")).isEqualTo("%SystemRoot%\\PSEXESVC.exe");
        assertThat(event.field("Binary")).isEqualTo("0A0B");
        assertThat(event.timestamp()).isEqualTo(Instant.parse("2019-03-19T23:34:25.281215Z"));
        assertThat(event.recordId()).isEqualTo("314");
        assertThat(event.fields()).doesNotContainKeys("#attributes", "System", "EventData");
    }

    @Test
    void evtxDumpSkipsEmptySystemElements() {
        Event event =
                parse(
                        "{\"Event\":{\"System\":"
                                + "{\"EventID\":1,\"Correlation\":null,\"Security\":null}}}");

        assertThat(event.fields()).containsOnlyKeys("EventID");
    }

    @Test
    void evtxDumpCollectsUnnamedDataList() {
        Event event =
                parse(
                        "{\"Event\":{\"System\":{\"EventID\":300},"
                                + "\"EventData\":{\"Data\":[\"a\",{\"#text\":\"b\"}],"
                                + "\"Binary\":\"00\"}}}");

        assertThat(event.field("Data")).isEqualTo(List.of("a", "b"));
        assertThat(event.field("Binary")).isEqualTo("00");
    }

    @Test
    void evtxDumpCollectsTextList() {
        Event text =
                parse(
                        "{\"Event\":{\"System\":{\"EventID\":1},"
                                + "\"EventData\":{\"#text\":[\"x\",\"y\"]}}}");
        Event nested =
                parse(
                        "{\"Event\":{\"System\":{\"EventID\":1},"
                                + "\"EventData\":{\"Data\":{\"#text\":[\"x\",\"y\"]}}}}");
        Event single =
                parse("{\"Event\":{\"System\":{\"EventID\":1},\"EventData\":{\"Data\":\"x\"}}}");

        assertThat(text.field("Data")).isEqualTo(List.of("x", "y"));
        assertThat(nested.field("Data")).isEqualTo(List.of("x", "y"));
        assertThat(single.field("Data")).isEqualTo(List.of("x"));
    }

    @Test
    void evtxDumpFlattensUserData() {
        Event event =
                parse(
                        """
                        {"Event": {"System": {"EventID": 104, "Channel": "System"},
                          "UserData": {"LogFileCleared": {
                            "#attributes": {"xmlns": "http://manifests"},
                            "SubjectUserName": "admin", "Channel": "Security", "BackupPath": ""}}}}
                        """);

        assertThat(event.field("SubjectUserName")).isEqualTo("admin");
        assertThat(event.field("BackupPath")).isEqualTo("");
        assertThat(event.field("Channel")).isEqualTo("System");
        assertThat(event.fields()).doesNotContainKeys("xmlns", "LogFileCleared", "UserData");
    }

    @Test
    void evtxDumpWithoutSystemKeepsEventData() {
        Event event = parse("{\"Event\":{\"EventData\":{\"CommandLine\":\"cmd /c whoami\"}}}");

        assertThat(event.shape()).isEqualTo(JsonShapes.EVTX_DUMP);
        assertThat(event.field("CommandLine")).isEqualTo("cmd /c whoami");
        assertThat(event.timestamp()).isNull();
        assertThat(event.recordId()).isNull();
    }

    @Test
    void evtxDumpUsesRenderedMessage() {
        Event event =
                parse(
                        "{\"Event\":{\"System\":{\"EventID\":1},"
                                + "\"RenderingInfo\":{\"Message\":\"Process Create\"}}}");

        assertThat(event.rawMessage()).isEqualTo("Process Create");
        assertThat(event.field("RenderingInfo.Message")).isEqualTo("Process Create");
    }

    @Test
    void ecsMapsWinlogToWindowsNames() {
        Event event =
                parse(
                        """
                        {"@timestamp": "2021-12-04T21:19:17.771Z", "message": "File created",
                         "event": {"code": "11"}, "file": {"path": "C:\\\\Windows\\\\x.key"},
                         "winlog": {"channel": "Microsoft-Windows-Sysmon/Operational",
                           "computer_name": "fs03vuln.offsec.lan", "event_id": "11",
                           "provider_name": "Microsoft-Windows-Sysmon",
                           "provider_guid": "{5770385f-c22a-43e0-bf4c-06f5698ffbd9}",
                           "record_id": 48608, "process": {"pid": 1048, "thread": {"id": 1684}},
                           "user": {"identifier": "S-1-5-18"},
                           "event_data": {
                             "TargetFilename": "C:\\\\Windows\\\\x.key", "Channel": "bogus"}}}
                        """);

        assertThat(event.shape()).isEqualTo(JsonShapes.ECS);
        assertThat(event.field("EventID")).isEqualTo("11");
        assertThat(event.field("Channel")).isEqualTo("Microsoft-Windows-Sysmon/Operational");
        assertThat(event.field("Provider_Name")).isEqualTo("Microsoft-Windows-Sysmon");
        assertThat(event.field("Provider_Guid"))
                .isEqualTo("{5770385f-c22a-43e0-bf4c-06f5698ffbd9}");
        assertThat(event.field("Computer")).isEqualTo("fs03vuln.offsec.lan");
        assertThat(event.field("EventRecordID")).isEqualTo(48608L);
        assertThat(event.field("Execution_ProcessID")).isEqualTo(1048L);
        assertThat(event.field("Execution_ThreadID")).isEqualTo(1684L);
        assertThat(event.field("Security_UserID")).isEqualTo("S-1-5-18");
        assertThat(event.field("TargetFilename")).isEqualTo("C:\\Windows\\x.key");
        assertThat(event.field("winlog.event_data.TargetFilename")).isEqualTo("C:\\Windows\\x.key");
        assertThat(event.field("file.path")).isEqualTo("C:\\Windows\\x.key");
        assertThat(event.field("event.code")).isEqualTo("11");
        assertThat(event.timestamp()).isEqualTo(Instant.parse("2021-12-04T21:19:17.771Z"));
        assertThat(event.rawMessage()).isEqualTo("File created");
        assertThat(event.recordId()).isEqualTo("48608");
    }

    @Test
    void ecsReadsDottedKeys() {
        Event event =
                parse(
                        "{\"winlog.event_id\": 4688, \"winlog.channel\": \"Security\","
                                + " \"winlog.event_data.NewProcessName\": \"C:\\\\x.exe\"}");

        assertThat(event.shape()).isEqualTo(JsonShapes.ECS);
        assertThat(event.field("EventID")).isEqualTo(4688L);
        assertThat(event.field("Channel")).isEqualTo("Security");
        assertThat(event.field("NewProcessName")).isEqualTo("C:\\x.exe");
    }

    @Test
    void flatMapsAliases() {
        Event event =
                parse(
                        """
                        {"SourceName": "Microsoft-Windows-Sysmon", "Hostname": "WORKSTATION5",
                         "RecordNumber": 77, "EventID": 11, "Message": "File created",
                         "EventTime": "2020-10-19 03:30:46",
                         "@timestamp": "2020-10-19T07:30:47.000Z"}
                        """);

        assertThat(event.shape()).isEqualTo(JsonShapes.FLAT);
        assertThat(event.field("Provider_Name")).isEqualTo("Microsoft-Windows-Sysmon");
        assertThat(event.field("Computer")).isEqualTo("WORKSTATION5");
        assertThat(event.field("EventRecordID")).isEqualTo(77L);
        assertThat(event.recordId()).isEqualTo("77");
        assertThat(event.rawMessage()).isEqualTo("File created");
        assertThat(event.timestamp()).isEqualTo(Instant.parse("2020-10-19T07:30:47Z"));
        assertThat(event.field("SourceName")).isEqualTo("Microsoft-Windows-Sysmon");
    }

    @Test
    void flatKeepsExistingWindowsNames() {
        Event event =
                parse(
                        "{\"SourceName\": \"a\", \"Provider_Name\": \"b\", \"Hostname\": \"h\","
                                + " \"Computer\": \"c\"}");

        assertThat(event.field("Provider_Name")).isEqualTo("b");
        assertThat(event.field("Computer")).isEqualTo("c");
    }

    @Test
    void flatDefenderRowKeepsItsNames() {
        Event event =
                parse(
                        "{\"Timestamp\":\"2021-12-04T21:19:17.7751230Z\","
                                + "\"TimeGenerated\":\"2021-12-04T21:21:59Z\","
                                + "\"FolderPath\":\"C:\\\\Windows\\\\PSEXEC-X.key\","
                                + "\"ReportId\":8415}");

        assertThat(event.shape()).isEqualTo(JsonShapes.FLAT);
        assertThat(event.field("FolderPath")).isEqualTo("C:\\Windows\\PSEXEC-X.key");
        assertThat(event.timestamp()).isEqualTo(Instant.parse("2021-12-04T21:19:17.775123Z"));
        assertThat(event.recordId()).isNull();
    }

    @Test
    void unparsableTimeLeavesTimestampNull() {
        Event event = parse("{\"TimeGenerated\": \"yesterday\", \"EventID\": 1}");

        assertThat(event.timestamp()).isNull();
    }

    @Test
    void flatWindowsEventRowHoistsEventData() {
        Event event =
                parse(
                        """
                        {"TimeGenerated": "2021-12-04T21:19:17.771Z",
                         "Provider": "Microsoft-Windows-Sysmon",
                         "Channel": "Microsoft-Windows-Sysmon/Operational", "EventID": 11,
                         "EventRecordId": "48608", "SystemProcessId": 1048, "SystemThreadId": 1684,
                         "SystemUserId": "S-1-5-18", "Computer": "fs03vuln.offsec.lan",
                         "EventData": {
                           "TargetFilename": "C:\\\\Windows\\\\x.key", "Channel": "inner"}}
                        """);

        assertThat(event.shape()).isEqualTo(JsonShapes.FLAT);
        assertThat(event.field("TargetFilename")).isEqualTo("C:\\Windows\\x.key");
        assertThat(event.field("EventData.TargetFilename")).isEqualTo("C:\\Windows\\x.key");
        assertThat(event.field("Channel")).isEqualTo("Microsoft-Windows-Sysmon/Operational");
        assertThat(event.field("Provider_Name")).isEqualTo("Microsoft-Windows-Sysmon");
        assertThat(event.field("EventRecordID")).isEqualTo("48608");
        assertThat(event.field("Execution_ProcessID")).isEqualTo(1048L);
        assertThat(event.field("Execution_ThreadID")).isEqualTo(1684L);
        assertThat(event.field("Security_UserID")).isEqualTo("S-1-5-18");
        assertThat(event.recordId()).isEqualTo("48608");
        assertThat(event.timestamp()).isEqualTo(Instant.parse("2021-12-04T21:19:17.771Z"));
    }

    @Test
    void flatEventTableRowMapsSourceAndLog() {
        Event event =
                parse(
                        """
                        {"Source": "Service Control Manager", "EventLog": "System", "EventID": 7045,
                         "EventData": "<DataItem><EventData><Data Name=\\"ServiceName\\">x</Data>"}
                        """);

        assertThat(event.field("Provider_Name")).isEqualTo("Service Control Manager");
        assertThat(event.field("Channel")).isEqualTo("System");
        assertThat(event.field("Data")).isNull();
        assertThat(event.field("EventData")).asString().startsWith("<DataItem>");
    }

    @Test
    void elasticsearchHitIsReadFromSource() {
        Event event =
                parse(
                        """
                        {"_index": "winlogbeat-8", "_id": "abc", "_source": {
                          "@timestamp": "2021-12-04T21:19:17.771Z",
                          "winlog": {"event_id": "11", "record_id": 48608,
                            "event_data": {"TargetFilename": "C:\\\\x.key"}}}}
                        """);

        assertThat(event.shape()).isEqualTo(JsonShapes.ECS);
        assertThat(event.field("EventID")).isEqualTo("11");
        assertThat(event.field("TargetFilename")).isEqualTo("C:\\x.key");
        assertThat(event.fields()).doesNotContainKeys("_index", "_source");
    }
}
