package dev.harrier.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs {@code harrier hunt} end to end on real files, as a user would. */
class HuntCommandTest {
    static final String FLAGSHIP_ID = "304afd73-55a5-4bb9-8c21-0b1fc84ea9e4";
    static final String PSEXESVC_ID = "259e5a6a-b8d2-4c38-86e2-26c5e651361d";
    static final ObjectMapper JSON = new ObjectMapper();

    static Path root;

    @BeforeAll
    static void locateRepository() {
        root = CliTests.repositoryRoot();
    }

    static List<JsonNode> huntJsonl(Path out, String... args) throws IOException {
        List<String> all = new ArrayList<>(List.of("hunt", "--quiet", "--format", "jsonl", "--output",
                out.toString()));
        all.addAll(List.of(args));
        int status = HarrierCommand.execute(all.toArray(new String[0]));
        assertThat(status).as("exit status").isZero();
        List<JsonNode> matches = new ArrayList<>();
        for (String line : Files.readAllLines(out)) {
            matches.add(JSON.readTree(line));
        }
        return matches;
    }

    /** Returns "file|locator" keys of the flagship's positives of one kind of file in expected.csv. */
    static Set<String> expectedPositives(String prefix) throws IOException {
        Set<String> keys = new HashSet<>();
        Path expected = CliTests.shared("fixtures/psexec-key/expected.csv");
        for (String line : Files.readAllLines(expected)) {
            if (line.startsWith(prefix) && line.contains(",yes,")) {
                keys.add(line.substring(0, line.indexOf(',')));
            }
        }
        return keys;
    }

    @Test
    void samplesFlagshipMatchesExactlyThePositives(@TempDir Path dir) throws IOException {
        CliTests.shared("fixtures/psexec-key/expected.csv");
        List<JsonNode> matches = huntJsonl(dir.resolve("out.jsonl"), root.resolve("samples").toString());
        List<String> flagshipTargets = new ArrayList<>();
        for (JsonNode match : matches) {
            if (match.path("rule").path("id").asText().equals(FLAGSHIP_ID)) {
                String path = match.path("source").path("path").asText();
                flagshipTargets.add(root.resolve("samples").relativize(Path.of(path)) + "|"
                        + match.path("source").path("locator").asText());
            }
        }
        Path expected = CliTests.shared("fixtures/psexec-key/expected.csv");
        long positives = Files.readAllLines(expected).stream()
                .filter(line -> line.contains(",yes,")).count();
        assertThat(flagshipTargets).hasSize((int) positives);
        for (String prefix : List.of("json/", "evtx/", "csv/", "ntfs/")) {
            Set<String> expectedFiles = expectedPositives(prefix);
            Set<String> matchedFiles = new HashSet<>();
            for (String target : flagshipTargets) {
                if (target.startsWith(prefix)) {
                    matchedFiles.add(target.substring(0, target.indexOf('|')));
                }
            }
            assertThat(matchedFiles).as(prefix).isEqualTo(expectedFiles);
        }
    }

    @Test
    void samplesJsonPositivesByLocator(@TempDir Path dir) throws IOException {
        Path expected = CliTests.shared("fixtures/psexec-key/expected.csv");
        List<JsonNode> matches = huntJsonl(dir.resolve("out.jsonl"),
                "--rules", root.resolve("rules/sigma/rules/windows/file/file_event").toString(),
                root.resolve("samples/json").toString());
        Set<String> matched = new HashSet<>();
        for (JsonNode match : matches) {
            if (match.path("rule").path("id").asText().equals(FLAGSHIP_ID)) {
                String file = Path.of(match.path("source").path("path").asText()).getFileName().toString();
                matched.add(file + "|" + match.path("event").toString());
            }
        }
        int positives = 0;
        for (String line : Files.readAllLines(expected)) {
            if (!line.startsWith("json/")) {
                continue;
            }
            String[] cells = line.split(",", 5);
            String file = cells[0].substring("json/".length());
            String target = cells[3].replace("\\", "\\\\");
            boolean found = matched.stream()
                    .anyMatch(m -> m.startsWith(file + "|") && m.contains("\"" + target + "\""));
            if (cells[4].startsWith("yes")) {
                positives++;
                assertThat(found).as("positive " + line).isTrue();
            }
        }
        assertThat(positives).isGreaterThan(0);
        assertThat(matched).hasSize(positives);
    }

    @Test
    void otrfDatasetsFindPsexesvcOnceAndFlagshipNever(@TempDir Path dir) throws IOException {
        Path datasets = CliTests.shared("data/otrf/Security-Datasets");
        List<JsonNode> matches = huntJsonl(dir.resolve("out.jsonl"), datasets.toString());
        List<JsonNode> psexesvc = matches.stream()
                .filter(m -> m.path("rule").path("id").asText().equals(PSEXESVC_ID)).toList();
        assertThat(psexesvc).hasSize(1);
        assertThat(psexesvc.get(0).path("event").path("TargetFilename").asText())
                .isEqualTo("C:\\Windows\\PSEXESVC.exe");
        assertThat(psexesvc.get(0).path("event").path("UtcTime").asText())
                .isEqualTo("2020-10-19 07:30:46.400");
        assertThat(matches).noneMatch(m -> m.path("rule").path("id").asText().equals(FLAGSHIP_ID));
    }

    @Test
    void evtxAttackSamplesFindPsexesvcWrite(@TempDir Path dir) throws IOException {
        Path samples = CliTests.shared("data/evtx/EVTX-ATTACK-SAMPLES");
        List<JsonNode> matches = huntJsonl(dir.resolve("out.jsonl"), samples.toString());
        List<String> psexesvc = matches.stream()
                .filter(m -> m.path("rule").path("id").asText().equals(PSEXESVC_ID))
                .map(m -> samples.relativize(Path.of(m.path("source").path("path").asText())) + " "
                        + m.path("source").path("locator").asText())
                .toList();
        assertThat(psexesvc).contains(
                "Lateral Movement/remote_file_copy_system_proc_file_write_sysmon_11.evtx 263572");
        assertThat(matches).noneMatch(m -> m.path("rule").path("id").asText().equals(FLAGSHIP_ID));
    }

    @Test
    void minLevelDropsLowerRules(@TempDir Path dir) throws IOException {
        List<JsonNode> matches = huntJsonl(dir.resolve("out.jsonl"), "--min-level", "high",
                root.resolve("samples/json").toString());
        assertThat(matches).isNotEmpty();
        assertThat(matches).allMatch(m -> Set.of("high", "critical")
                .contains(m.path("rule").path("level").asText()));
    }

    @Test
    void invalidLevelIsUsageError() {
        assertThat(HarrierCommand.execute("hunt", "--min-level", "severe", "samples")).isEqualTo(2);
    }

    @Test
    void unreadablePathExitsNonZero(@TempDir Path dir) {
        assertThat(HarrierCommand.execute("hunt", "--quiet", "--output", dir.resolve("o").toString(),
                dir.resolve("missing.evtx").toString())).isEqualTo(1);
        assertThat(dir.resolve("o")).exists();
    }

    @Test
    void outputToDeviceWritesThrough() throws IOException {
        Path devNull = Path.of("/dev/null");
        assumeTrue(Files.exists(devNull) && !Files.isRegularFile(devNull), "no /dev/null device");
        int status = HarrierCommand.execute("hunt", "--quiet", "--output", devNull.toString(),
                root.resolve("samples/json").toString());
        assertThat(status).isZero();
        assertThat(Files.isRegularFile(devNull)).as("/dev/null replaced by a file").isFalse();
    }

    @Test
    void outputThroughSymlinkKeepsLink(@TempDir Path dir) throws IOException {
        Path real = dir.resolve("real.txt");
        Files.writeString(real, "old");
        Path link = Files.createSymbolicLink(dir.resolve("link.txt"), real);
        int status = HarrierCommand.execute("hunt", "--quiet", "--output", link.toString(),
                root.resolve("samples/json").toString());
        assertThat(status).isZero();
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.readString(real)).contains("PSEXEC Remote Execution File Artefact");
    }

    @Test
    void outputToDirectoryIsUsageError(@TempDir Path dir) {
        assertThat(HarrierCommand.execute("hunt", "--quiet", "--output", dir.toString(),
                root.resolve("samples/json").toString())).isEqualTo(2);
    }

    @Test
    void missingRulesPathIsUsageError(@TempDir Path dir) {
        assertThat(HarrierCommand.execute("hunt", "--quiet", "--rules", dir.resolve("typo").toString(),
                root.resolve("samples/json").toString())).isEqualTo(2);
        assertThat(HarrierCommand.execute("hunt", "--quiet", "--filters",
                dir.resolve("typo").toString(), root.resolve("samples/json").toString())).isEqualTo(2);
    }

    @Test
    void minLevelKeepsCorrelatedLowRules(@TempDir Path dir) throws IOException {
        Path rules = dir.resolve("rules.yml");
        Files.writeString(rules, """
                title: low base
                name: low_base
                level: low
                logsource: {product: windows, category: file_event}
                detection:
                    selection: {TargetFilename|endswith: '.key'}
                    condition: selection
                ---
                title: many keys
                level: high
                correlation:
                    type: event_count
                    rules: [low_base]
                    group-by: [Computer]
                    timespan: 1d
                    condition: {gte: 2}
                """);
        Path events = dir.resolve("events.jsonl");
        String line = "{\"Channel\":\"Microsoft-Windows-Sysmon/Operational\",\"EventID\":11,"
                + "\"Computer\":\"H\",\"UtcTime\":\"2024-05-01 10:00:0%d.000\","
                + "\"TargetFilename\":\"C:\\\\x%d.key\"}";
        Files.writeString(events, String.format(line, 1, 1) + "\n" + String.format(line, 2, 2) + "\n");
        List<JsonNode> matches = huntJsonl(dir.resolve("out.jsonl"), "--min-level", "high",
                "--rules", rules.toString(), events.toString());
        assertThat(matches).extracting(m -> m.path("rule").path("title").asText())
                .containsExactly("many keys");
    }

    @Test
    void emptyFileIsNotAProblem(@TempDir Path dir) throws IOException {
        Path empty = Files.createFile(dir.resolve("empty.jsonl"));
        List<JsonNode> matches = huntJsonl(dir.resolve("out.jsonl"), empty.toString());
        assertThat(matches).isEmpty();
    }

    @Test
    void onlyNonLogFilesExitOne(@TempDir Path dir) throws IOException {
        Path notes = Files.writeString(dir.resolve("notes.md"), "# Notes\nnothing to hunt here\n");
        assertThat(HarrierCommand.execute("hunt", "--quiet", "--output",
                dir.resolve("o").toString(), notes.toString())).isEqualTo(1);
    }

    @Test
    void malformedLineIsReportedAndRestRead(@TempDir Path dir) throws IOException {
        Path input = dir.resolve("events.jsonl");
        String good = "{\"Channel\":\"Microsoft-Windows-Sysmon/Operational\",\"EventID\":11,"
                + "\"TargetFilename\":\"C:\\\\Windows\\\\PSEXEC-HOST-12345678.key\"}";
        Files.writeString(input, good + "\n{\"broken\": \n" + good + "\n");
        List<JsonNode> matches = huntJsonl(dir.resolve("out.jsonl"), input.toString());
        assertThat(matches).filteredOn(m -> m.path("rule").path("id").asText().equals(FLAGSHIP_ID))
                .extracting(m -> m.path("source").path("locator").asText())
                .containsExactly("line:1", "line:3");
    }

    @Test
    void tableEndsWithSummary(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("table.txt");
        int status = HarrierCommand.execute("hunt", "--quiet", "--output", out.toString(),
                root.resolve("samples/json").toString());
        assertThat(status).isZero();
        String text = Files.readString(out);
        assertThat(text).contains("PSEXEC Remote Execution File Artefact")
                .contains("Files: 6").contains("Records read: 54, unreadable: 0")
                .contains("Rules loaded: ");
    }
}
