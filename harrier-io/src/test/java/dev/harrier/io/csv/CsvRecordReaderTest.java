package dev.harrier.io.csv;

import static org.assertj.core.api.Assertions.assertThat;

import dev.harrier.core.event.Event;
import dev.harrier.io.ReadProblem;
import dev.harrier.io.testing.CollectingSink;
import dev.harrier.io.testing.SharedData;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

class CsvRecordReaderTest {
    @TempDir Path temp;

    private static CollectingSink read(String text) throws IOException {
        CollectingSink sink = new CollectingSink();
        new CsvRecordReader().read(new StringReader(text), "test.csv", sink);
        return sink;
    }

    @Test
    void quotedFieldsKeepCommasQuotesAndNewlines() throws IOException {
        CollectingSink sink =
                read("A,B,C\r\n\"x, y\",\"say \"\"hi\"\"\",\"line1\nline2\"\r\nplain,,last\n");

        assertThat(sink.problems).isEmpty();
        assertThat(sink.locators).containsExactly("line:2", "line:4");
        Event first = sink.events.get(0);
        assertThat(first.field("A")).isEqualTo("x, y");
        assertThat(first.field("B")).isEqualTo("say \"hi\"");
        assertThat(first.field("C")).isEqualTo("line1\nline2");
        Event second = sink.events.get(1);
        assertThat(second.field("B")).isEqualTo("");
        assertThat(second.shape()).isEqualTo("csv");
    }

    @Test
    void byteOrderMarkIsDropped() throws IOException {
        Path file = temp.resolve("bom.csv");
        Files.write(file, "\uFEFFName,Value\nx,1\n".getBytes(StandardCharsets.UTF_8));
        CollectingSink sink = new CollectingSink();

        new CsvRecordReader().read(file, sink);

        assertThat(sink.events).hasSize(1);
        assertThat(sink.events.get(0).fields()).containsKeys("Name", "Value");
    }

    @Test
    void raggedRowsAreReportedAndSkipped() throws IOException {
        CollectingSink sink = read("A,B,C\n1,2,3\n1,2\n1,2,3,4\n7,8,9\n");

        assertThat(sink.locators).containsExactly("line:2", "line:5");
        assertThat(sink.problems)
                .extracting(ReadProblem::location)
                .containsExactly("line:3", "line:4");
        assertThat(sink.problems.get(0).message()).contains("2 cells", "3 columns");
        assertThat(sink.problems.get(0).lostRecords()).isEqualTo(1);
    }

    @Test
    void missingColumnIsAbsent() throws IOException {
        CollectingSink sink = read("FileName,FolderPath\nkey.key,C:\\Windows\\key.key\n");

        Event event = sink.events.get(0);
        assertThat(event.field("FolderPath")).isEqualTo("C:\\Windows\\key.key");
        assertThat(event.hasField("InitiatingProcessFileName")).isFalse();
        assertThat(event.field("InitiatingProcessFileName")).isNull();
    }

    @Test
    void unclosedQuoteIsReportedAtRowStart() throws IOException {
        CollectingSink sink = read("A,B\n1,2\n3,\"open\n4,5\n");

        assertThat(sink.locators).containsExactly("line:2");
        assertThat(sink.problems).extracting(ReadProblem::location).containsExactly("line:3");
        assertThat(sink.problems.get(0).message()).contains("not closed");
    }

    @Test
    void jsonCellsStayTextAndFlatten() throws IOException {
        String json =
                "\"{\"\"Protocol\"\":\"\"SMB\"\",\"\"Share\"\":{\"\"Name\"\":\"\"ADMIN$\"\"},"
                        + "\"\"Size\"\":12.5,\"\"Ports\"\":[445,139]}\"";
        String array = "\"[{\"\"Id\"\":1},{\"\"Id\"\":2}]\"";
        CollectingSink sink =
                read("AdditionalFields,List,Broken\n" + json + "," + array + ",{no\n");

        Event event = sink.events.get(0);
        assertThat(event.field("AdditionalFields")).asString().startsWith("{\"Protocol\"");
        assertThat(event.field("AdditionalFields.Protocol")).isEqualTo("SMB");
        assertThat(event.field("AdditionalFields.Share.Name")).isEqualTo("ADMIN$");
        assertThat(event.field("AdditionalFields.Size")).isEqualTo(new BigDecimal("12.5"));
        assertThat(event.field("AdditionalFields.Ports")).isEqualTo(List.of(445L, 139L));
        assertThat(event.field("List.Id")).isEqualTo(List.of(1L, 2L));
        assertThat(event.field("Broken")).isEqualTo("{no");
    }

    @Test
    void timestampComesFromTimeColumns() throws IOException {
        CollectingSink sink =
                read(
                        "Timestamp,X\n2021-12-04T21:19:16.7611230Z,1\n"
                                + "\n"
                                + "2021-12-04 21:19:16.757,2\n");

        assertThat(sink.events.get(0).timestamp())
                .isEqualTo(Instant.parse("2021-12-04T21:19:16.761123Z"));
        assertThat(sink.events.get(1).timestamp())
                .isEqualTo(Instant.parse("2021-12-04T21:19:16.757Z"));
        assertThat(sink.locators).containsExactly("line:2", "line:4");
    }

    @Test
    void sentinelPortalTimeIsParsed() throws IOException {
        CollectingSink sink = read("\"TimeGenerated [UTC]\",X\n\"12/4/2021, 9:20:03.968 PM\",1\n");

        assertThat(sink.events.get(0).field("TimeGenerated [UTC]"))
                .isEqualTo("12/4/2021, 9:20:03.968 PM");
        assertThat(sink.events.get(0).timestamp())
                .isEqualTo(Instant.parse("2021-12-04T21:20:03.968Z"));
    }

    @Test
    void fixtureExportsReadWithoutProblems() throws IOException {
        for (String name : List.of("asim-imfileevent.csv", "defender-devicefileevents.csv")) {
            Path file = SharedData.require("fixtures/psexec-key/csv/" + name);
            CollectingSink sink = new CollectingSink();

            new CsvRecordReader().read(file, sink);

            assertThat(sink.problems).as(name).isEmpty();
            assertThat(sink.events).as(name).hasSize(6);
            assertThat(sink.events).allSatisfy(event -> assertThat(event.timestamp()).isNotNull());
        }
    }

    @Test
    void randomFragmentsNeverThrow() {
        String[] pieces = {
            ",", "\"", "\"\"", "\n", "\r\n", "\r", "a", "{", "}", "[", "\uFEFF", " "
        };
        java.util.Random random = new java.util.Random(11);
        for (int round = 0; round < 500; round++) {
            StringBuilder csv = new StringBuilder();
            for (int i = 0; i < 80; i++) {
                csv.append(pieces[random.nextInt(pieces.length)]);
            }
            String text = csv.toString();
            CollectingSink sink = new CollectingSink();

            org.assertj.core.api.Assertions.assertThatCode(
                            () -> new CsvRecordReader().read(new StringReader(text), "r.csv", sink))
                    .as(text)
                    .doesNotThrowAnyException();

            assertThat(sink.problems)
                    .allSatisfy(p -> assertThat(p.location()).matches("line:\\d+"));
        }
    }
}
