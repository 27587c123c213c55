package dev.harrier.io.evtx;

import dev.harrier.io.CsvTable;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads every file of the EVTX corpus manifest and compares record and error counts with the counts
 * that other parsers produced for the same files.
 */
class EvtxManifestTest {
    private static final Pattern OK_ERR = Pattern.compile("(\\d+) ok / (\\d+) err");
    private static final Pattern ITEMS = Pattern.compile("(\\d+) items, (\\d+) of them an? error");

    @TestFactory
    Stream<DynamicTest> corpusRecordCounts() throws Exception {
        Path shared = SharedData.root();
        Path manifest = SharedData.resolve("data/manifests/evtx-manifest.csv");
        List<Map<String, String>> rows = CsvTable.read(manifest);
        assertThat(rows).isNotEmpty();
        return rows.stream()
                .map(
                        row ->
                                DynamicTest.dynamicTest(
                                        row.get("path"),
                                        () -> {
                                            Path file =
                                                    shared.resolve("data").resolve(row.get("path"));
                                            CollectingSink sink = CollectingSink.read(file);
                                            String upstream = row.get("expected_records_upstream");
                                            Matcher okErr = OK_ERR.matcher(upstream);
                                            Matcher items = ITEMS.matcher(upstream);
                                            if (okErr.find()) {
                                                assertThat(sink.events.size())
                                                        .as(
                                                                "records of %s; problems %s",
                                                                file, sink.problems)
                                                        .isEqualTo(
                                                                Integer.parseInt(okErr.group(1)));
                                                assertThat(sink.errors().size())
                                                        .as("record-losing problems of %s", file)
                                                        .isEqualTo(
                                                                Integer.parseInt(okErr.group(2)));
                                            } else if (items.find()) {
                                                int errors = Integer.parseInt(items.group(2));
                                                assertThat(sink.events.size())
                                                        .as(
                                                                "records of %s; problems %s",
                                                                file, sink.problems)
                                                        .isEqualTo(
                                                                Integer.parseInt(items.group(1))
                                                                        - errors);
                                                assertThat(sink.errors().size())
                                                        .as("record-losing problems of %s", file)
                                                        .isEqualTo(errors);
                                            } else {
                                                int minimum =
                                                        Integer.parseInt(
                                                                row.get("records_libevtx_header"));
                                                assertThat(sink.events.size())
                                                        .as(
                                                                "records of %s; problems %s",
                                                                file, sink.problems)
                                                        .isGreaterThanOrEqualTo(minimum);
                                            }
                                        }));
    }
}
