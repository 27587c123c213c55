package dev.harrier.io.json;

import static org.assertj.core.api.Assertions.assertThat;

import dev.harrier.core.event.Event;
import dev.harrier.io.CollectingSink;
import dev.harrier.io.CsvTable;
import dev.harrier.io.SharedData;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Reads the shared PsExec fixtures and the SigmaHQ regression JSON and checks their answer keys.
 */
class JsonSharedDataTest {
    private static final Map<String, String> FIXTURE_SHAPES =
            Map.of(
                    "json/sysmon-evtx_dump.jsonl", JsonShapes.EVTX_DUMP,
                    "json/security-4663-evtx_dump.jsonl", JsonShapes.EVTX_DUMP,
                    "json/sysmon-winlogbeat-ecs.jsonl", JsonShapes.ECS,
                    "json/sysmon-otrf-flat.jsonl", JsonShapes.FLAT,
                    "json/defender-devicefileevents.jsonl", JsonShapes.FLAT,
                    "json/asim-imfileevent.jsonl", JsonShapes.FLAT);

    private final JsonRecordReader reader = new JsonRecordReader();

    private CollectingSink read(Path file) {
        CollectingSink sink = new CollectingSink();
        reader.read(file, sink);
        return sink;
    }

    @ParameterizedTest
    @CsvSource({
        "json/sysmon-evtx_dump.jsonl, 21",
        "json/security-4663-evtx_dump.jsonl, 6",
        "json/sysmon-winlogbeat-ecs.jsonl, 7",
        "json/sysmon-otrf-flat.jsonl, 8",
        "json/defender-devicefileevents.jsonl, 6",
        "json/asim-imfileevent.jsonl, 6",
    })
    void psexecFixtureHasShapeAndCount(String file, int records) {
        Path path = SharedData.require("fixtures/psexec-key/" + file);

        CollectingSink sink = read(path);

        assertThat(sink.problems).isEmpty();
        assertThat(sink.events).hasSize(records);
        assertThat(sink.events).extracting(Event::shape).containsOnly(FIXTURE_SHAPES.get(file));
        assertThat(sink.events).allMatch(e -> e.timestamp() != null, "every event has a time");
    }

    @Test
    void psexecFixtureRowsHaveExpectedTarget() throws IOException {
        Path folder = SharedData.require("fixtures/psexec-key");
        Map<String, List<Event>> eventsByFile = new HashMap<>();
        SoftAssertions softly = new SoftAssertions();
        int checked = 0;

        for (Map<String, String> row : CsvTable.read(folder.resolve("expected.csv"))) {
            String file = row.get("file");
            if (!file.startsWith("json/")) {
                continue;
            }
            List<Event> events =
                    eventsByFile.computeIfAbsent(file, f -> read(folder.resolve(f)).events);
            // Every JSON locator starts with "line N"; the fixtures have no blank lines.
            int line = Integer.parseInt(row.get("locator").split(" ")[1]);
            Event event = events.get(line - 1);
            String expected = row.get("target_filename");
            if (expected.isEmpty()) {
                continue;
            }
            for (String field : fieldsToCheck(row.get("source_field"))) {
                softly.assertThat(event.field(field))
                        .as("%s %s field %s", file, row.get("locator"), field)
                        .isEqualTo(expected);
            }
            checked++;
        }

        softly.assertAll();
        assertThat(checked).as("JSON rows with a target file name").isEqualTo(38);
    }

    /** Maps an answer-key source field to the event field names that must hold the value. */
    private static List<String> fieldsToCheck(String sourceField) {
        List<String> fields = new ArrayList<>();
        for (String field : sourceField.split(" / ")) {
            if (field.equals("Event.EventData.TargetFilename")) {
                // evtx_dump EventData keys are flattened to their own names.
                fields.add("TargetFilename");
            } else {
                fields.add(field);
            }
        }
        if (sourceField.startsWith("winlog.event_data.")) {
            fields.add("TargetFilename");
        }
        return fields;
    }

    @Test
    void regressionJsonMatchesEvtxCounts() throws IOException {
        Path data = SharedData.require("data/sigma");
        Path index = SharedData.require("data/manifests/sigma-regression-index.csv");
        SoftAssertions softly = new SoftAssertions();
        int files = 0;
        int events = 0;

        for (Map<String, String> row : CsvTable.read(index)) {
            String evtx = row.get("data_path");
            Path json = data.resolve(evtx.substring(0, evtx.length() - ".evtx".length()) + ".json");
            CollectingSink sink = read(json);

            softly.assertThat(sink.problems).as("%s problems", json).isEmpty();
            softly.assertThat(sink.events.size())
                    .as("%s objects", json)
                    .isEqualTo(Integer.parseInt(row.get("evtx_records")));
            for (Event event : sink.events) {
                softly.assertThat(event.shape())
                        .as("%s shape", json)
                        .isEqualTo(JsonShapes.EVTX_DUMP);
                softly.assertThat(event.field("EventID")).as("%s EventID", json).isNotNull();
                softly.assertThat(event.field("Channel")).as("%s Channel", json).isNotNull();
                softly.assertThat(event.timestamp()).as("%s time", json).isNotNull();
                softly.assertThat(event.recordId()).as("%s record id", json).isNotNull();
            }
            files++;
            events += sink.events.size();
        }

        softly.assertAll();
        assertThat(files).isEqualTo(202);
        assertThat(events).isEqualTo(238);
    }

    @Test
    void sigmaRegressionJsonFilesAllRead() throws IOException {
        Path root = SharedData.require("data/sigma/regression_data");
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }

        int events = 0;
        for (Path file : files) {
            CollectingSink sink = read(file);
            assertThat(sink.problems).as(file.toString()).isEmpty();
            assertThat(sink.events).as(file.toString()).isNotEmpty();
            events += sink.events.size();
        }

        assertThat(files).hasSize(202);
        assertThat(events).isEqualTo(238);
    }

    @Test
    void sigmaRegressionUserDataIsFlattened() {
        Path file =
                SharedData.require(
                        "data/sigma/regression_data/rules/windows/builtin/wmi/"
                                + "win_wmi_activity_nteventlogfile_cleareventlog/"
                                + "d4f1a2b3-7c8e-4d5f-b6a9-1e0c2d3f4e5b.json");

        Event event = read(file).events.get(0);

        assertThat(event.field("Operation")).asString().contains("cleareventlog");
        assertThat(event.field("ClientProcessId")).isEqualTo(25920L);
    }
}
