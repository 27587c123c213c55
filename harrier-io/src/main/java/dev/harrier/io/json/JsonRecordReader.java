package dev.harrier.io.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;

import dev.harrier.core.event.Event;
import dev.harrier.io.ReadProblem;
import dev.harrier.io.RecordSink;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Reads JSON records: JSON Lines, a top-level array of objects, or objects written one after
 * another (pretty-printed, as in SigmaHQ's regression data). The form is detected from the content,
 * never from the file name, and all three share one streaming path.
 *
 * <p>Each object becomes an {@link Event} through {@link JsonShapes#toEvent(Map)} and goes to
 * {@link RecordSink#record} with a locator: the record's {@code EventRecordID} when its shape has
 * one, else {@code line:N}, where N is the 1-based line of the object's opening brace.
 * For JSON Lines that is the line number of the record. For arrays and concatenated objects it is
 * the first line of the object, not its ordinal.
 *
 * <p>A bad record never ends the file. An object that is not valid JSON is reported with the line
 * and column of the error ({@code line:N:M}, the column counted in bytes) and the next object is
 * read. An object left open is reported when a line that starts with {@code '{'} begins the next
 * one. Bytes that cannot start an object make the reader skip to the next such line, and if none
 * follows, the rest of the file is reported as skipped. Objects over {@link #MAX_RECORD_BYTES},
 * {@link #MAX_NESTING_DEPTH} or {@link #MAX_STRING_BYTES} are skipped and reported without being
 * built, so no input can exhaust the heap or the stack. A failure of the stream itself (an I/O
 * error, compressed data cut short) is reported once and ends the file.
 *
 * <p>Input is UTF-8. UTF-16 with a byte order mark (as Windows PowerShell 5 writes) is converted.
 *
 * <p>Instances hold no per-file state and are safe to share between threads.
 */
public final class JsonRecordReader {
    /** Maximum nesting depth of objects and arrays within one record. */
    public static final int MAX_NESTING_DEPTH = 200;

    /** Maximum size of one record in bytes, from its opening to its closing brace. */
    public static final int MAX_RECORD_BYTES = 16 * 1024 * 1024;

    /** Maximum length of one string value in bytes as written in the input. */
    public static final int MAX_STRING_BYTES = 8 * 1024 * 1024;

    private static final int BUFFER_BYTES = 64 * 1024;

    private final JsonFactory factory;

    public JsonRecordReader() {
        // The framer enforces the same limits before parsing, so these constraints are only a
        // second line of defence inside the parser.
        StreamReadConstraints constraints =
                StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_NESTING_DEPTH)
                        .maxStringLength(MAX_STRING_BYTES)
                        .maxDocumentLength(MAX_RECORD_BYTES)
                        .build();
        this.factory = JsonFactory.builder().streamReadConstraints(constraints).build();
    }

    /**
     * Reads every record of a file. A file that cannot be opened is reported to the sink as one
     * problem at location {@code file}.
     */
    public void read(Path file, RecordSink sink) {
        String path = file.toString();
        InputStream in;
        try {
            in = Files.newInputStream(file);
        } catch (IOException e) {
            sink.unreadable(new ReadProblem(path, "file", "cannot open the file: " + e, 1));
            return;
        }
        try (in) {
            read(in, path, sink);
        } catch (IOException e) {
            // Closing a file we only read from failed: every record has been delivered already.
        }
    }

    /**
     * Reads every record from a stream, which the caller closes.
     *
     * @param in the content, in UTF-8 or in UTF-16 with a byte order mark
     * @param path the name to report in problems, such as {@code logs.zip!a.json}
     * @param sink receives each record and each problem in input order
     */
    public void read(InputStream in, String path, RecordSink sink) {
        FramedRecords records = new FramedRecords(path, sink);
        JsonRecordFramer framer =
                new JsonRecordFramer(
                        records, MAX_RECORD_BYTES, MAX_NESTING_DEPTH, MAX_STRING_BYTES);
        byte[] buffer = new byte[BUFFER_BYTES];
        try {
            InputStream utf8 = Utf16Input.toUtf8(in);
            int n;
            while ((n = utf8.read(buffer)) >= 0) {
                framer.feed(buffer, n);
            }
        } catch (IOException e) {
            String what = e instanceof EOFException ? "the input ends early: " : "reading failed: ";
            sink.unreadable(
                    new ReadProblem(
                            path,
                            "line:" + framer.line(),
                            what + e.getMessage() + "; the rest of the file is not read",
                            1));
            return;
        }
        framer.finish();
    }

    /** Parses each framed object and passes the result or the problem to the sink. */
    private final class FramedRecords implements JsonRecordFramer.Listener {
        private final String path;
        private final RecordSink sink;

        FramedRecords(String path, RecordSink sink) {
            this.path = path;
            this.sink = sink;
        }

        @Override
        public void record(byte[] bytes, int length, int line, int column) {
            Map<String, Object> object;
            try (JsonParser parser = factory.createParser(bytes, 0, length)) {
                if (parser.nextToken() != JsonToken.START_OBJECT) {
                    problem(line, column, "invalid JSON: the record is not an object");
                    return;
                }
                object = JsonValues.readObject(parser);
                if (parser.nextToken() != null) {
                    problem(line, column, "invalid JSON: unexpected content after the object");
                    return;
                }
            } catch (JsonProcessingException e) {
                JsonLocation at = e.getLocation();
                int errorLine = line;
                int errorColumn = column;
                if (at != null && at.getLineNr() > 0) {
                    errorLine = line + at.getLineNr() - 1;
                    errorColumn =
                            at.getLineNr() == 1 ? column + at.getColumnNr() - 1 : at.getColumnNr();
                }
                problem(errorLine, errorColumn, "invalid JSON: " + e.getOriginalMessage());
                return;
            } catch (IOException e) {
                problem(line, column, "invalid JSON: " + e.getMessage());
                return;
            }
            Event event = JsonShapes.toEvent(object);
            String locator = event.recordId() != null ? event.recordId() : "line:" + line;
            sink.record(event, locator);
        }

        @Override
        public void problem(int line, int column, String message) {
            sink.unreadable(new ReadProblem(path, "line:" + line + ":" + column, message, 1));
        }
    }
}
