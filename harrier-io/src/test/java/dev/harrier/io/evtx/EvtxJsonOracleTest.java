package dev.harrier.io.evtx;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.harrier.core.event.Event;
import dev.harrier.core.event.FieldValues;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Compares EventData and UserData fields with the evtx_dump JSON that sits beside each Sigma
 * regression sample. The JSON writer renders GUID values without braces, times with six fraction
 * digits and strings without trailing whitespace, so those forms are normalized before comparing.
 * Everything else must match as text.
 */
class EvtxJsonOracleTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern BRACED_GUID =
            Pattern.compile("\\{([0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12})\\}");
    private static final Pattern SEVEN_DIGIT_TIME =
            Pattern.compile("(\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6})\\dZ");

    /**
     * JSON values known to differ from their EVTX file, keyed by EventRecordID and field. The EVTX
     * bytes were checked by hand in each case.
     */
    private static final Map<String, String> KNOWN_JSON_ERRORS =
            Map.of(
                    "23419552/ParentCommandLine",
                    "the EVTX file holds C:\\Windows\\Explorer.EXE; the JSON twin has a lower-case"
                            + " .exe");

    @TestFactory
    Stream<DynamicTest> regressionSamplesMatchJson() throws IOException {
        Path root = SharedData.resolve("data/sigma/regression_data");
        List<Path> samples;
        try (Stream<Path> files = Files.walk(root)) {
            samples =
                    files.filter(path -> path.toString().endsWith(".evtx"))
                            .filter(path -> Files.exists(jsonTwin(path)))
                            .sorted()
                            .toList();
        }
        assertThat(samples).isNotEmpty();
        return samples.stream()
                .map(
                        sample ->
                                DynamicTest.dynamicTest(
                                        root.relativize(sample).toString(), () -> compare(sample)));
    }

    private static Path jsonTwin(Path evtx) {
        String name = evtx.getFileName().toString();
        return evtx.resolveSibling(name.substring(0, name.length() - ".evtx".length()) + ".json");
    }

    private static void compare(Path sample) throws IOException {
        CollectingSink sink = CollectingSink.read(sample);
        List<JsonNode> expected = readJsonObjects(jsonTwin(sample));

        assertThat(sink.errors()).as("record-losing problems").isEmpty();
        assertThat(sink.events).as("records").hasSize(expected.size());
        for (JsonNode object : expected) {
            JsonNode event = object.path("Event");
            long recordId = event.path("System").path("EventRecordID").asLong();
            Event actual = sink.byRecordId(recordId);
            compareSection(actual, event.path("EventData"), recordId);
            JsonNode userData = event.path("UserData");
            if (userData.isObject()) {
                for (Iterator<JsonNode> payloads = userData.elements(); payloads.hasNext(); ) {
                    compareSection(actual, payloads.next(), recordId);
                }
            }
        }
    }

    private static void compareSection(Event actual, JsonNode section, long recordId) {
        if (!section.isObject()) {
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> fields = section.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode value = field.getValue();
            if (field.getKey().startsWith("#")
                    || !value.isValueNode()
                    || KNOWN_JSON_ERRORS.containsKey(recordId + "/" + field.getKey())) {
                continue;
            }
            String expected = value.isNull() ? "" : value.asText().stripTrailing();
            String actualText =
                    normalize(FieldValues.scalarText(actual.field(field.getKey())), expected);
            assertThat(actualText)
                    .as("record %d field %s", recordId, field.getKey())
                    .isEqualTo(expected);
        }
    }

    private static String normalize(String text, String expected) {
        if (text == null) {
            return null;
        }
        String normalized = text.stripTrailing();
        Matcher guid = BRACED_GUID.matcher(normalized);
        if (guid.matches() && !expected.startsWith("{")) {
            normalized = guid.group(1);
        }
        return SEVEN_DIGIT_TIME.matcher(normalized).replaceAll("$1Z");
    }

    private static List<JsonNode> readJsonObjects(Path file) throws IOException {
        List<JsonNode> objects = new ArrayList<>();
        try (MappingIterator<JsonNode> iterator =
                JSON.readerFor(JsonNode.class).readValues(file.toFile())) {
            while (iterator.hasNext()) {
                objects.add(iterator.next());
            }
        }
        return objects;
    }
}
