package dev.harrier.io.csv;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.harrier.core.event.Event;
import dev.harrier.io.ReadProblem;
import dev.harrier.io.RecordSink;

import java.io.BufferedReader;
import java.io.FilterReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads CSV exports of Microsoft Sentinel (Logs blade) and Defender XDR (Advanced hunting): a
 * header row, then one event of shape {@value #SHAPE} per row, locator {@code line:N} with the
 * 1-based line where the row starts.
 *
 * <p>Fields are named exactly as the header names them, {@code TimeGenerated [UTC]} included, and
 * an empty cell is {@code ""}. A cell that starts with <code>{</code> or {@code [} and parses as
 * JSON stays text under its column and is also flattened into dotted names, so {@code
 * AdditionalFields.Protocol} finds a key of the JSON in {@code AdditionalFields} (see {@link
 * JsonCells}). A row with more or fewer cells than the header is reported and skipped. The UTF-8
 * byte order mark that Sentinel writes is dropped.
 *
 * <p>The event time comes from the first of {@code TimeGenerated}, {@code Timestamp} and {@code
 * TimeCreated} (each also with the suffix {@code [UTC]}) that parses: ISO-8601 or the portal's
 * {@code 12/4/2021, 9:20:03.968 PM}, read as UTC.
 */
public final class CsvRecordReader {
    /** The shape of an event made from one CSV row. */
    public static final String SHAPE = "csv";

    /**
     * The maximum number of characters in one row. Without it, a quote that is never closed would
     * make the rest of the file one row.
     */
    public static final int MAX_ROW_CHARS = 16 * 1024 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Sends the rows of {@code file}, read as UTF-8, to {@code sink}. */
    public void read(Path file, RecordSink sink) throws IOException {
        try (Reader reader =
                new BufferedReader(
                        new InputStreamReader(
                                Files.newInputStream(file),
                                StandardCharsets.UTF_8
                                        .newDecoder()
                                        .onMalformedInput(CodingErrorAction.REPLACE)
                                        .onUnmappableCharacter(CodingErrorAction.REPLACE)))) {
            read(reader, file.toString(), sink);
        }
    }

    /**
     * Sends the rows read from {@code reader} to {@code sink}.
     *
     * @param path the file name to put in read problems
     */
    public void read(Reader reader, String path, RecordSink sink) throws IOException {
        CsvParser parser = new CsvParser(new ByteOrderMarkSkipper(reader), MAX_ROW_CHARS);
        CsvParser.Row header = parser.next();
        if (header == null) {
            return;
        }
        if (header.unterminated() || header.tooLong()) {
            sink.unreadable(rowProblem(path, header, "the header row"));
            return;
        }
        List<String> columns = uniqueNames(header.cells());
        for (CsvParser.Row row = parser.next(); row != null; row = parser.next()) {
            if (row.unterminated() || row.tooLong()) {
                sink.unreadable(rowProblem(path, row, "the row"));
                continue;
            }
            if (row.cells().size() != columns.size()) {
                sink.unreadable(
                        new ReadProblem(
                                path,
                                "line:" + row.line(),
                                String.format(
                                        "the row has %d cells but the header has %d columns;"
                                                + " the row was skipped",
                                        row.cells().size(), columns.size()),
                                1));
                continue;
            }
            sink.record(toEvent(columns, row.cells()), "line:" + row.line());
        }
    }

    /**
     * Returns the column names with repeats made unique ({@code Name}, {@code Name_2}, ...), so
     * that a header that repeats a column keeps every cell.
     */
    static List<String> uniqueNames(List<String> names) {
        java.util.Set<String> used = new java.util.HashSet<>(names);
        java.util.Set<String> seen = new java.util.HashSet<>();
        java.util.List<String> unique = new java.util.ArrayList<>(names.size());
        for (String name : names) {
            String candidate = name;
            int n = 2;
            while (seen.contains(candidate) || (!candidate.equals(name) && used.contains(candidate))) {
                candidate = name + "_" + n++;
            }
            seen.add(candidate);
            unique.add(candidate);
        }
        return unique;
    }

    private static ReadProblem rowProblem(String path, CsvParser.Row row, String rowName) {
        String message =
                row.unterminated()
                        ? rowName
                                + " has a quoted field that is not closed before the end of the"
                                + " file"
                        : rowName + " is longer than " + MAX_ROW_CHARS + " characters";
        return new ReadProblem(path, "line:" + row.line(), message, 1);
    }

    private static Event toEvent(List<String> columns, List<String> cells) {
        Event.Builder event = Event.builder(SHAPE);
        for (int i = 0; i < columns.size(); i++) {
            event.putIfAbsent(columns.get(i), cells.get(i));
        }
        for (int i = 0; i < columns.size(); i++) {
            JsonNode json = parseJson(cells.get(i));
            if (json != null) {
                JsonCells.flatten(columns.get(i), json, event);
            }
        }
        event.timestamp(CsvTimestamps.find(columns, cells));
        return event.build();
    }

    private static JsonNode parseJson(String cell) {
        String trimmed = cell.strip();
        if (!(trimmed.startsWith("{") || trimmed.startsWith("["))) {
            return null;
        }
        try {
            return JSON.readTree(trimmed);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /** Drops a leading U+FEFF (the UTF-8 byte order mark after decoding). */
    private static final class ByteOrderMarkSkipper extends FilterReader {
        private boolean first = true;

        ByteOrderMarkSkipper(Reader in) {
            super(in);
        }

        @Override
        public int read(char[] buffer, int offset, int count) throws IOException {
            int read = super.read(buffer, offset, count);
            if (first && read > 0) {
                first = false;
                if (buffer[offset] == '\uFEFF') {
                    System.arraycopy(buffer, offset + 1, buffer, offset, read - 1);
                    return read == 1 ? read(buffer, offset, count) : read - 1;
                }
            }
            return read;
        }

        @Override
        public int read() throws IOException {
            char[] single = new char[1];
            return read(single, 0, 1) < 0 ? -1 : single[0];
        }
    }

    public CsvRecordReader() {}
}
