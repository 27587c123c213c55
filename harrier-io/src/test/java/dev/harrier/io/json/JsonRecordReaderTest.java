package dev.harrier.io.json;

import static org.assertj.core.api.Assertions.assertThat;

import dev.harrier.core.event.Event;
import dev.harrier.core.event.JsonNull;
import dev.harrier.io.CollectingSink;
import dev.harrier.io.ReadProblem;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;

class JsonRecordReaderTest {
    private final JsonRecordReader reader = new JsonRecordReader();

    private CollectingSink read(String text) {
        return read(text.getBytes(StandardCharsets.UTF_8));
    }

    private CollectingSink read(byte[] bytes) {
        CollectingSink sink = new CollectingSink();
        reader.read(new ByteArrayInputStream(bytes), "test.json", sink);
        return sink;
    }

    private static List<Object> values(CollectingSink sink, String field) {
        return sink.events.stream().map(e -> e.field(field)).toList();
    }

    @Test
    void readsJsonLines() {
        CollectingSink sink = read("{\"n\":1}\n{\"n\":2}\r\n\n{\"n\":3}\n");

        assertThat(sink.problems).isEmpty();
        assertThat(values(sink, "n")).containsExactly(1L, 2L, 3L);
        assertThat(sink.locators).containsExactly("line:1", "line:2", "line:4");
        assertThat(sink.events).allMatch(e -> e.shape().equals(JsonShapes.FLAT));
    }

    @Test
    void readsPrettyPrintedArray() {
        String text = "[\n  {\n    \"n\": 1\n  },\n  {\n    \"n\": 2\n  }\n]\n";

        CollectingSink sink = read(text);

        assertThat(sink.problems).isEmpty();
        assertThat(values(sink, "n")).containsExactly(1L, 2L);
        assertThat(sink.locators).containsExactly("line:2", "line:5");
    }

    @Test
    void readsCompactArray() {
        CollectingSink sink = read("[{\"n\":1},{\"n\":2}, {\"n\":3}]");

        assertThat(sink.problems).isEmpty();
        assertThat(values(sink, "n")).containsExactly(1L, 2L, 3L);
    }

    @Test
    void readsConcatenatedPrettyObjects() {
        String text = "{\n  \"n\": 1,\n  \"o\": {\"a\": [1, {\"b\": 2}]}\n}\n{\n  \"n\": 2\n}";

        CollectingSink sink = read(text);

        assertThat(sink.problems).isEmpty();
        assertThat(values(sink, "n")).containsExactly(1L, 2L);
        assertThat(sink.locators).containsExactly("line:1", "line:5");
        assertThat(sink.events.get(0).field("o.a"))
                .isEqualTo(List.of(1L, java.util.Map.of("b", 2L)));
    }

    @Test
    void readsEmptyInputWithoutProblems() {
        assertThat(read("").events).isEmpty();
        assertThat(read(" \n\n ").problems).isEmpty();
        assertThat(read("[]").problems).isEmpty();
    }

    @Test
    void convertsValueTypes() {
        String text =
                "{\"s\":\"x\",\"i\":7,\"big\":123456789012345678901234567890,\"f\":1.5,"
                        + "\"huge\":1e400,\"t\":true,\"nul\":null,\"a\":[1,\"b\"],\"o\":{\"k\":1}}";

        Event event = read(text).events.get(0);

        assertThat(event.field("s")).isEqualTo("x");
        assertThat(event.field("i")).isEqualTo(7L);
        assertThat(event.field("big")).isEqualTo(new BigInteger("123456789012345678901234567890"));
        assertThat(event.field("f")).isEqualTo(1.5d);
        assertThat(event.field("huge")).isEqualTo(new BigDecimal("1e400"));
        assertThat(event.field("t")).isEqualTo(Boolean.TRUE);
        assertThat(event.field("nul")).isSameAs(JsonNull.INSTANCE);
        assertThat(event.field("a")).isEqualTo(List.of(1L, "b"));
        assertThat(event.field("o")).isInstanceOf(LinkedHashMap.class);
    }

    @Test
    void usesEventRecordIdAsLocator() {
        CollectingSink sink = read("{\"EventRecordID\": 4711}\n{\"x\": 1}\n");

        assertThat(sink.locators).containsExactly("4711", "line:2");
    }

    @Test
    void malformedMiddleLineIsSkipped() {
        String text =
                "{\"n\":1}\n"
                        + "{\"n\":2}\n"
                        + "{\"n\":3,,}\n"
                        + "{\"n\":4}\n"
                        + "not json\n"
                        + "{\"n\":6}\n"
                        + "{\"n\":7,\n"
                        + "{\"n\":8}\n";

        CollectingSink sink = read(text);

        assertThat(values(sink, "n")).containsExactly(1L, 2L, 4L, 6L, 8L);
        assertThat(sink.problems)
                .extracting(ReadProblem::location)
                .containsExactly("line:3:8", "line:5:1", "line:7:1");
        assertThat(sink.problems).allMatch(p -> p.lostRecords() == 1);
        assertThat(sink.problems).allMatch(p -> p.path().equals("test.json"));
    }

    @Test
    void truncatedPrettyObjectIsSkipped() {
        String text = "{\n  \"n\": 1,\n  \"x\": [1, 2\n{\n  \"n\": 2\n}\n";

        CollectingSink sink = read(text);

        assertThat(values(sink, "n")).containsExactly(2L);
        assertThat(sink.problems).hasSize(1);
        assertThat(sink.problems.get(0).location()).isEqualTo("line:1:1");
        assertThat(sink.problems.get(0).message()).contains("line 4");
    }

    @Test
    void readsUnindentedPrettyObjects() {
        String text =
                "{\n\"a\": [\n{\n\"b\": 1\n},\n{\n\"b\": 2\n}\n],\n\"c\":\n{\"d\": 3}\n}\n"
                        + "{\n\"a\": []\n}\n";

        CollectingSink sink = read(text);

        assertThat(sink.problems).isEmpty();
        assertThat(sink.locators).containsExactly("line:1", "line:13");
        assertThat(sink.events.get(0).field("c.d")).isEqualTo(3L);
    }

    @Test
    void prettyObjectCutAfterCommaSwallowsNext() {
        String text = "{\n  \"n\": 1,\n{\n  \"n\": 2\n}\n{\n  \"n\": 3\n}\n";

        CollectingSink sink = read(text);

        assertThat(values(sink, "n")).containsExactly(3L);
        assertThat(sink.problems).hasSize(1);
        assertThat(sink.problems.get(0).location()).isEqualTo("line:1:1");
        assertThat(sink.problems.get(0).message()).contains("line 6");
    }

    @Test
    void invalidArrayElementReportsColumn() {
        String text =
                "[\n  {\n    \"n\": 1\n  },\n  {\n    \"n\": tru\n  },\n  {\n    \"n\": 3\n  }\n]";

        CollectingSink sink = read(text);

        assertThat(values(sink, "n")).containsExactly(1L, 3L);
        assertThat(sink.problems).hasSize(1);
        assertThat(sink.problems.get(0).location()).startsWith("line:6:");
    }

    @Test
    void lineBreakInStringSkipsObject() {
        String text = "{\n  \"n\": \"open\n  \"m\": 1\n}\n{\n  \"n\": 2\n}\n";

        CollectingSink sink = read(text);

        assertThat(values(sink, "n")).containsExactly(2L);
        assertThat(sink.problems).extracting(ReadProblem::location).containsExactly("line:2:13");
    }

    @Test
    void trailingJunkReportedOnce() {
        byte[] text = "{\"n\":1}\n\0\0\0\n\0\0\n".getBytes(StandardCharsets.ISO_8859_1);

        CollectingSink sink = read(text);

        assertThat(values(sink, "n")).containsExactly(1L);
        assertThat(sink.problems)
                .extracting(ReadProblem::location)
                .containsExactly("line:2:1", "line:3:1");
    }

    @Test
    void nonObjectArrayElementIsReported() {
        CollectingSink sink = read("[\n  {\"n\": 1},\n  42,\n  {\"n\": 3}\n]\n");

        assertThat(values(sink, "n")).containsExactly(1L, 3L);
        assertThat(sink.problems).extracting(ReadProblem::location).containsExactly("line:3:3");
    }

    @Test
    void deepObjectReportedWithoutOverflow() {
        int depth = 10_000;
        String deep = "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
        String text = "{\"n\":1}\n" + deep + "\n{\"n\":3}\n";

        CollectingSink sink = read(text);

        assertThat(values(sink, "n")).containsExactly(1L, 3L);
        assertThat(sink.problems).hasSize(1);
        assertThat(sink.problems.get(0).location()).isEqualTo("line:2:1");
        assertThat(sink.problems.get(0).message()).contains("deeper than 200 levels");
    }

    @Test
    void deeplyNestedArrayIsReported() {
        int depth = 100_000;
        String text = "{\"a\":" + "[".repeat(depth) + "]".repeat(depth) + "}\n{\"n\":2}";

        CollectingSink sink = read(text);

        assertThat(values(sink, "n")).containsExactly(2L);
        assertThat(sink.problems).hasSize(1);
    }

    @Test
    void nestingAtLimitIsRead() {
        int depth = JsonRecordReader.MAX_NESTING_DEPTH;
        String text = "{\"a\":".repeat(depth - 1) + "{}" + "}".repeat(depth - 1);

        CollectingSink sink = read(text);

        assertThat(sink.problems).isEmpty();
        assertThat(sink.events).hasSize(1);
    }

    @Test
    void overlongStringIsReported() {
        String longValue = "x".repeat(JsonRecordReader.MAX_STRING_BYTES + 1);
        String text = "{\"s\":\"" + longValue + "\"}\n{\"n\":2}\n";

        CollectingSink sink = read(text);

        assertThat(values(sink, "n")).containsExactly(2L);
        assertThat(sink.problems).hasSize(1);
        assertThat(sink.problems.get(0).message()).contains("string value is longer than");
    }

    @Test
    void oversizedRecordIsReported() {
        StringBuilder big = new StringBuilder("{");
        String chunk = "y".repeat(1000);
        for (int i = 0; big.length() <= JsonRecordReader.MAX_RECORD_BYTES; i++) {
            big.append("\"k").append(i).append("\":\"").append(chunk).append("\",");
        }
        big.append("\"end\":1}\n{\"n\":2}\n");

        CollectingSink sink = read(big.toString());

        assertThat(values(sink, "n")).containsExactly(2L);
        assertThat(sink.problems).hasSize(1);
        assertThat(sink.problems.get(0).message()).contains("larger than 16777216 bytes");
    }

    @Test
    void skipsUtf8ByteOrderMark() {
        byte[] body = "{\"n\":\"é\"}\n".getBytes(StandardCharsets.UTF_8);
        byte[] bytes = new byte[body.length + 3];
        bytes[0] = (byte) 0xEF;
        bytes[1] = (byte) 0xBB;
        bytes[2] = (byte) 0xBF;
        System.arraycopy(body, 0, bytes, 3, body.length);

        CollectingSink sink = read(bytes);

        assertThat(sink.problems).isEmpty();
        assertThat(values(sink, "n")).containsExactly("é");
    }

    @Test
    void readsUtf16WithByteOrderMark() {
        String text = "\uFEFF[\r\n  {\"n\": \"\uD83D\uDE00 ü\"},\r\n  {\"n\": 2}\r\n]";

        CollectingSink little = read(text.getBytes(StandardCharsets.UTF_16LE));
        CollectingSink big = read(text.getBytes(StandardCharsets.UTF_16BE));

        assertThat(little.problems).isEmpty();
        assertThat(values(little, "n")).containsExactly("\uD83D\uDE00 ü", 2L);
        assertThat(values(big, "n")).containsExactly("\uD83D\uDE00 ü", 2L);
    }

    @Test
    void failingStreamIsReportedOnce() {
        InputStream failing =
                new SequenceInputStream(
                        new ByteArrayInputStream(
                                "{\"n\":1}\n{\"n\":".getBytes(StandardCharsets.UTF_8)),
                        new InputStream() {
                            @Override
                            public int read() throws IOException {
                                throw new IOException("device error");
                            }
                        });
        CollectingSink sink = new CollectingSink();

        reader.read(failing, "disk.json", sink);

        assertThat(values(sink, "n")).containsExactly(1L);
        assertThat(sink.problems).hasSize(1);
        assertThat(sink.problems.get(0).location()).isEqualTo("line:2");
        assertThat(sink.problems.get(0).message()).contains("device error");
    }

    @Test
    void missingFileIsReported(@TempDir Path dir) {
        CollectingSink sink = new CollectingSink();

        reader.read(dir.resolve("absent.json"), sink);

        assertThat(sink.problems).hasSize(1);
        assertThat(sink.problems.get(0).location()).isEqualTo("file");
    }

    @Test
    void readsFileFromPath(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("a.log");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write("{\"n\":1}\n".getBytes(StandardCharsets.UTF_8));
        Files.write(file, out.toByteArray());
        CollectingSink sink = new CollectingSink();

        reader.read(file, sink);

        assertThat(values(sink, "n")).containsExactly(1L);
    }
}
