package dev.harrier.io.xml;

import static org.assertj.core.api.Assertions.assertThat;

import dev.harrier.core.event.Event;
import dev.harrier.io.ReadProblem;
import dev.harrier.io.testing.CollectingSink;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

class WindowsXmlReaderTest {
    private static final String NS = "http://schemas.microsoft.com/win/2004/08/events/event";

    private static final String SYSMON_11 =
            "<Event xmlns='"
                    + NS
                    + "'><System>"
                    + "<Provider Name='Microsoft-Windows-Sysmon'"
                    + " Guid='{5770385f-c22a-43e0-bf4c-06f5698ffbd9}'/>"
                    + "<EventID>11</EventID><Version>2</Version><Level>4</Level><Task>11</Task>"
                    + "<Opcode>0</Opcode><Keywords>0x8000000000000000</Keywords>"
                    + "<TimeCreated SystemTime='2021-12-04T21:19:17.7751230Z'/>"
                    + "<EventRecordID>48608</EventRecordID><Correlation/>"
                    + "<Execution ProcessID='3044' ThreadID='3992'/>"
                    + "<Channel>Microsoft-Windows-Sysmon/Operational</Channel>"
                    + "<Computer>fs03vuln.offsec.lan</Computer>"
                    + "<Security UserID='S-1-5-18'/></System>"
                    + "<EventData><Data Name='RuleName'>-</Data>"
                    + "<Data Name='Image'>C:\\TOOLS\\PsExec64.exe</Data>"
                    + "<Data Name='TargetFilename'>C:\\Windows\\PSEXEC-FS03VULN-3A6F1C2B.key</Data>"
                    + "<Data Name='User'/></EventData>"
                    + "<RenderingInfo Culture='en-US'><Message>File created:</Message>"
                    + "</RenderingInfo></Event>";

    private static final String SERVICE_7045 =
            "<Event xmlns='"
                    + NS
                    + "'><System>"
                    + "<Provider Name='Service Control Manager' EventSourceName='Service Control"
                    + " Manager'/><EventID Qualifiers='16384'>7045</EventID>"
                    + "<TimeCreated SystemTime='2020-10-19T07:30:46.4000000Z'/>"
                    + "<EventRecordID>5012</EventRecordID>"
                    + "<Correlation ActivityID='{11111111-2222-3333-4444-555555555555}'/>"
                    + "<Channel>System</Channel></System>"
                    + "<EventData><Data>PSEXESVC</Data><Data>%SystemRoot%\\PSEXESVC.exe</Data>"
                    + "</EventData></Event>";

    @TempDir Path temp;

    private static CollectingSink read(String xml) throws IOException {
        CollectingSink sink = new CollectingSink();
        new WindowsXmlReader().read(new StringReader(xml), "test.xml", sink);
        return sink;
    }

    @Test
    void wevtutilOutputWithoutRootIsRead() throws IOException {
        CollectingSink sink = read(SYSMON_11 + "\r\n" + SERVICE_7045 + "\r\n");

        assertThat(sink.problems).isEmpty();
        assertThat(sink.locators).containsExactly("48608", "5012");
        Event sysmon = sink.events.get(0);
        assertThat(sysmon.shape()).isEqualTo("xml");
        assertThat(sysmon.field("Provider_Name")).isEqualTo("Microsoft-Windows-Sysmon");
        assertThat(sysmon.field("Provider_Guid"))
                .isEqualTo("{5770385f-c22a-43e0-bf4c-06f5698ffbd9}");
        assertThat(sysmon.field("EventID")).isEqualTo(11L);
        assertThat(sysmon.field("EventRecordID")).isEqualTo(48608L);
        assertThat(sysmon.field("Keywords")).isEqualTo("0x8000000000000000");
        assertThat(sysmon.field("TimeCreated")).isEqualTo("2021-12-04T21:19:17.7751230Z");
        assertThat(sysmon.field("Execution_ProcessID")).isEqualTo(3044L);
        assertThat(sysmon.field("Execution_ThreadID")).isEqualTo(3992L);
        assertThat(sysmon.field("Channel")).isEqualTo("Microsoft-Windows-Sysmon/Operational");
        assertThat(sysmon.field("Computer")).isEqualTo("fs03vuln.offsec.lan");
        assertThat(sysmon.field("Security_UserID")).isEqualTo("S-1-5-18");
        assertThat(sysmon.field("TargetFilename"))
                .isEqualTo("C:\\Windows\\PSEXEC-FS03VULN-3A6F1C2B.key");
        assertThat(sysmon.field("User")).isEqualTo("");
        assertThat(sysmon.hasField("Correlation")).isFalse();
        assertThat(sysmon.rawMessage()).isEqualTo("File created:");
        assertThat(sysmon.timestamp()).isEqualTo(Instant.parse("2021-12-04T21:19:17.775123Z"));
        assertThat(sysmon.recordId()).isEqualTo("48608");
    }

    @Test
    void qualifiersAndUnnamedDataAreRead() throws IOException {
        CollectingSink sink = read(SERVICE_7045);

        Event service = sink.events.get(0);
        assertThat(service.field("EventID")).isEqualTo(7045L);
        assertThat(service.field("Qualifiers")).isEqualTo("16384");
        assertThat(service.field("Provider_EventSourceName")).isEqualTo("Service Control Manager");
        assertThat(service.field("Correlation_ActivityID"))
                .isEqualTo("{11111111-2222-3333-4444-555555555555}");
        assertThat(service.field("Data"))
                .isEqualTo(List.of("PSEXESVC", "%SystemRoot%\\PSEXESVC.exe"));
    }

    @Test
    void eventViewerFileInUtf16IsRead() throws IOException {
        String xml =
                "<?xml version=\"1.0\" encoding=\"UTF-16\"?>\r\n<Events>\r\n"
                        + SYSMON_11
                        + "\r\n"
                        + SERVICE_7045
                        + "\r\n</Events>";
        byte[] body = xml.getBytes(StandardCharsets.UTF_16LE);
        byte[] bytes = new byte[body.length + 2];
        bytes[0] = (byte) 0xFF;
        bytes[1] = (byte) 0xFE;
        System.arraycopy(body, 0, bytes, 2, body.length);
        Path file = Files.write(temp.resolve("saved.xml"), bytes);
        CollectingSink sink = new CollectingSink();

        new WindowsXmlReader().read(file, sink);

        assertThat(sink.problems).isEmpty();
        assertThat(sink.locators).containsExactly("48608", "5012");
    }

    @Test
    void userDataIsFlattened() throws IOException {
        String xml =
                "<Event xmlns='"
                        + NS
                        + "'><System><EventID>1102</EventID></System><UserData><LogFileCleared"
                        + " xmlns='http://manifests.microsoft.com/win/2004/08/"
                        + "windows/eventlog'><SubjectUserSid>S-1-5-21-1</SubjectUserSid>"
                        + "<SubjectUserName>admin</SubjectUserName></LogFileCleared></UserData>"
                        + "</Event>";

        CollectingSink sink = read(xml);

        Event cleared = sink.events.get(0);
        assertThat(cleared.field("SubjectUserSid")).isEqualTo("S-1-5-21-1");
        assertThat(cleared.field("SubjectUserName")).isEqualTo("admin");
        assertThat(sink.locators).containsExactly("event:1");
    }

    @Test
    void malformedEventIsReportedAndNextIsRead() throws IOException {
        String broken =
                "<Event xmlns='" + NS + "'>\n<System><EventID>4</EventID></Sytem>\n</Event>";
        CollectingSink sink = read(SYSMON_11 + "\n" + broken + "\n" + SERVICE_7045);

        assertThat(sink.locators).containsExactly("48608", "5012");
        assertThat(sink.problems).hasSize(1);
        ReadProblem problem = sink.problems.get(0);
        assertThat(problem.location()).startsWith("line:3:");
        assertThat(problem.message()).contains("event 2");
        assertThat(problem.lostRecords()).isEqualTo(1);
    }

    @Test
    void unclosedEventIsReportedAndNextIsRead() throws IOException {
        String unclosed = "<Event xmlns='" + NS + "'><System><EventID>4</EventID></System>";
        CollectingSink sink = read(unclosed + "\n  " + SERVICE_7045 + "\n" + unclosed);

        assertThat(sink.locators).containsExactly("5012");
        assertThat(sink.problems)
                .extracting(ReadProblem::location)
                .containsExactly("line:1:1", "line:3:1");
        assertThat(sink.problems.get(0).message()).contains("not closed");
    }

    @Test
    void externalEntitiesAreNotExpanded() throws IOException {
        Path secret = Files.writeString(temp.resolve("secret.txt"), "TOP-SECRET");
        String xml =
                "<?xml version='1.0'?>\n<!DOCTYPE Event [<!ENTITY xxe SYSTEM '"
                        + secret.toUri()
                        + "'>]>\n<Event><System><Computer>&xxe;</Computer>"
                        + "<EventID>1</EventID></System></Event>\n"
                        + SERVICE_7045;

        CollectingSink sink = read(xml);

        assertThat(sink.events)
                .extracting(event -> String.valueOf(event.field("Computer")))
                .doesNotContain("TOP-SECRET");
        assertThat(sink.problems).extracting(ReadProblem::location).contains("line:2:1");
        assertThat(sink.problems)
                .extracting(ReadProblem::message)
                .anySatisfy(message -> assertThat(message).contains("\"xxe\"", "not declared"));
        assertThat(sink.locators).endsWith("5012");
    }

    @Test
    void textOutsideEventsIsReported() throws IOException {
        CollectingSink sink = read("garbage here\n" + SERVICE_7045);

        assertThat(sink.problems).extracting(ReadProblem::location).containsExactly("line:1:1");
        assertThat(sink.problems.get(0).lostRecords()).isZero();
        assertThat(sink.locators).containsExactly("5012");
    }

    @Test
    void randomFragmentsNeverThrow() {
        String[] pieces = {
            "<Event>",
            "</Event>",
            "<System>",
            "</System>",
            "<EventID>",
            "</EventID>",
            "<Data Name='",
            "'>",
            "</Data>",
            "<![CDATA[",
            "]]>",
            "&amp;",
            "&",
            "<",
            ">",
            "\n",
            "x",
            "\"",
            "<Events>",
            "<!--",
            "-->",
            "<?xml version='1.0'?>"
        };
        java.util.Random random = new java.util.Random(7);
        for (int round = 0; round < 300; round++) {
            StringBuilder xml = new StringBuilder();
            for (int i = 0; i < 60; i++) {
                xml.append(pieces[random.nextInt(pieces.length)]);
            }
            String text = xml.toString();
            CollectingSink sink = new CollectingSink();

            org.assertj.core.api.Assertions.assertThatCode(
                            () ->
                                    new WindowsXmlReader()
                                            .read(new StringReader(text), "random.xml", sink))
                    .as(text)
                    .doesNotThrowAnyException();

            assertThat(sink.problems)
                    .allSatisfy(p -> assertThat(p.location()).matches("line:\\d+:\\d+"));
        }
    }
}
