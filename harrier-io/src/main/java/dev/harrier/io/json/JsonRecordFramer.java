package dev.harrier.io.json;

import java.util.Arrays;

/**
 * Splits a byte stream of JSON objects into one byte range per top-level object, without parsing
 * the objects. It accepts JSON Lines, objects written one after another (pretty-printed or not)
 * and a top-level array of objects, and tracks the 1-based line and column of every byte.
 * Columns count bytes, not characters.
 *
 * <p>The framer counts brackets outside strings, so a record ends where its braces balance. It
 * enforces the record size, nesting depth and string length limits while scanning, before any
 * value is built, so an oversized record costs no memory beyond the limit.
 *
 * <p>Recovery after a damaged record: a line whose first non-blank character is {@code '{'} at or
 * left of the column where the first record of the input started is taken as the start of a new
 * record. That column is 1 for JSON Lines and concatenated objects, and the element indentation
 * for a pretty-printed array. When such a line appears while a record is still open, the open
 * record is reported as incomplete and the new one is read. The exception is a multi-line record
 * whose last character before that line is {@code '['}, {@code ','} or {@code ':'}, because a
 * nested object may validly start there, as in unindented output ({@code json.dumps(indent=0)}).
 * After invalid bytes between records, the framer skips to the next such line.
 *
 * <p>NOTE: because of that exception, a multi-line record cut short right after a comma swallows
 * the record that follows it, and both are reported as one invalid object.
 *
 * <p>The input must be UTF-8 or ASCII. A leading UTF-8 byte order mark is skipped.
 */
final class JsonRecordFramer {
    /** Receives framed records and framing problems, in input order. */
    interface Listener {
        /**
         * Receives one complete top-level object. The array is reused after this call returns.
         *
         * @param bytes the object's bytes, from its {@code '{'} to its closing {@code '}'}
         * @param length the number of valid bytes in {@code bytes}
         * @param line the 1-based line of the opening brace
         * @param column the 1-based column of the opening brace
         */
        void record(byte[] bytes, int length, int line, int column);

        /** Receives a record or region that was skipped, at the 1-based line and column. */
        void problem(int line, int column, String message);
    }

    private enum State {
        BETWEEN_RECORDS,
        IN_RECORD,
        SKIPPING
    }

    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private final Listener listener;
    private final int maxRecordBytes;
    private final int maxNestingDepth;
    private final int maxStringBytes;

    private State state = State.BETWEEN_RECORDS;
    private long position;
    private int bomBytes;
    private int line = 1;
    private int column;
    private boolean atLineStart = true;
    private boolean insideArray;
    private int resyncColumn = -1;

    private byte[] record = new byte[8192];
    private int recordLength;
    private int recordLine;
    private int recordColumn;
    private int depth;
    private boolean inString;
    private boolean escaped;
    private int stringBytes;
    private String limitProblem;

    /** The last non-blank byte of the open record, outside strings and inside them alike. */
    private byte lastNonBlank;

    /** Whether the first complete record started and ended on one line, as in JSON Lines. */
    private boolean singleLineRecords;

    private boolean firstRecordDone;

    private int skipStartLine;
    private boolean skippedContentAfterStartLine;

    JsonRecordFramer(
            Listener listener, int maxRecordBytes, int maxNestingDepth, int maxStringBytes) {
        this.listener = listener;
        this.maxRecordBytes = maxRecordBytes;
        this.maxNestingDepth = maxNestingDepth;
        this.maxStringBytes = maxStringBytes;
    }

    /** The 1-based line of the next byte to be fed. */
    int line() {
        return line;
    }

    /** Scans {@code length} bytes of {@code buffer} from index 0. */
    void feed(byte[] buffer, int length) {
        for (int i = 0; i < length; i++) {
            byte b = buffer[i];
            if (position == bomBytes && bomBytes < UTF8_BOM.length && b == UTF8_BOM[bomBytes]) {
                position++;
                bomBytes++;
                continue;
            }
            position++;
            if (b == '\n') {
                newLine();
                continue;
            }
            column++;
            boolean firstOnLine = atLineStart && !isBlank(b);
            if (firstOnLine) {
                atLineStart = false;
            }
            switch (state) {
                case BETWEEN_RECORDS:
                    between(b);
                    break;
                case IN_RECORD:
                    if (firstOnLine && b == '{' && startsNewRecord()) {
                        listener.problem(
                                recordLine,
                                recordColumn,
                                "incomplete JSON object: a new object starts at line "
                                        + line
                                        + " before this one is closed");
                        startRecord();
                    } else {
                        inRecord(b);
                    }
                    break;
                case SKIPPING:
                    if (firstOnLine && b == '{' && column <= resyncLimit()) {
                        startRecord();
                    } else if (!isBlank(b) && line > skipStartLine) {
                        skippedContentAfterStartLine = true;
                    }
                    break;
                default:
                    throw new IllegalStateException("unknown framer state " + state);
            }
        }
    }

    /** Reports what is left open at the end of the input. */
    void finish() {
        if (state == State.IN_RECORD) {
            listener.problem(
                    recordLine,
                    recordColumn,
                    "incomplete JSON object: the input ends before its closing '}'");
        } else if (state == State.SKIPPING && skippedContentAfterStartLine) {
            listener.problem(
                    skipStartLine + 1,
                    1,
                    "no line after line "
                            + skipStartLine
                            + " starts a JSON object at or before column "
                            + Math.max(resyncColumn, 1)
                            + ", so the rest of the input was skipped");
        }
        state = State.BETWEEN_RECORDS;
    }

    private void newLine() {
        if (state == State.IN_RECORD) {
            if (inString) {
                column++;
                listener.problem(
                        line,
                        column,
                        "invalid JSON: line break inside a string (the object starts at line "
                                + recordLine
                                + ")");
                skip();
            } else {
                append((byte) '\n');
            }
        }
        line++;
        column = 0;
        atLineStart = true;
    }

    private void between(byte b) {
        if (isBlank(b)) {
            return;
        }
        if (b == '{') {
            startRecord();
        } else if (b == '[' && !insideArray) {
            insideArray = true;
        } else if (b == ',' && insideArray) {
            // Separator between array elements.
        } else if (b == ']' && insideArray) {
            insideArray = false;
        } else {
            listener.problem(
                    line,
                    column,
                    "invalid JSON: expected '{' to start an object, found " + describe(b));
            skip();
        }
    }

    /**
     * Returns true when a {@code '{'} that begins the current line, inside an open record, starts
     * a new record rather than a nested object.
     */
    private boolean startsNewRecord() {
        if (column > resyncLimit()) {
            return false;
        }
        if (singleLineRecords) {
            return true;
        }
        return lastNonBlank != '[' && lastNonBlank != ',' && lastNonBlank != ':';
    }

    private void inRecord(byte b) {
        append(b);
        if (!isBlank(b)) {
            lastNonBlank = b;
        }
        if (inString) {
            if (escaped) {
                escaped = false;
            } else if (b == '\\') {
                escaped = true;
            } else if (b == '"') {
                inString = false;
                return;
            }
            stringBytes++;
            if (stringBytes > maxStringBytes && limitProblem == null) {
                limitProblem =
                        "a string value is longer than "
                                + maxStringBytes
                                + " bytes (JsonRecordReader.MAX_STRING_BYTES)";
                dropRecordBytes();
            }
            return;
        }
        if (b == '"') {
            inString = true;
            stringBytes = 0;
        } else if (b == '{' || b == '[') {
            depth++;
            if (depth > maxNestingDepth && limitProblem == null) {
                limitProblem =
                        "the object nests deeper than "
                                + maxNestingDepth
                                + " levels (JsonRecordReader.MAX_NESTING_DEPTH)";
                dropRecordBytes();
            }
        } else if (b == '}' || b == ']') {
            depth--;
            if (depth == 0) {
                endRecord();
            }
        }
    }

    private void startRecord() {
        state = State.IN_RECORD;
        if (resyncColumn < 0) {
            resyncColumn = column;
        }
        recordLine = line;
        recordColumn = column;
        recordLength = 0;
        lastNonBlank = '{';
        depth = 1;
        inString = false;
        escaped = false;
        limitProblem = null;
        append((byte) '{');
    }

    private void endRecord() {
        state = State.BETWEEN_RECORDS;
        if (!firstRecordDone) {
            firstRecordDone = true;
            singleLineRecords = line == recordLine;
        }
        if (limitProblem != null) {
            listener.problem(recordLine, recordColumn, "object skipped: " + limitProblem);
        } else {
            listener.record(record, recordLength, recordLine, recordColumn);
        }
        if (record.length > 1 << 20) {
            record = new byte[8192];
        }
        recordLength = 0;
    }

    /**
     * Returns the rightmost column at which a {@code '{'} starts a new record. Before the first
     * record any column does.
     */
    private int resyncLimit() {
        return resyncColumn < 0 ? Integer.MAX_VALUE : resyncColumn;
    }

    private void skip() {
        state = State.SKIPPING;
        skipStartLine = line;
        skippedContentAfterStartLine = false;
        recordLength = 0;
    }

    private void append(byte b) {
        if (limitProblem != null) {
            return;
        }
        if (recordLength == maxRecordBytes) {
            limitProblem =
                    "the object is larger than "
                            + maxRecordBytes
                            + " bytes (JsonRecordReader.MAX_RECORD_BYTES)";
            dropRecordBytes();
            return;
        }
        if (recordLength == record.length) {
            int grown = (int) Math.min((long) record.length * 2, maxRecordBytes);
            record = Arrays.copyOf(record, grown);
        }
        record[recordLength++] = b;
    }

    private void dropRecordBytes() {
        record = new byte[8192];
        recordLength = 0;
    }

    private static boolean isBlank(byte b) {
        return b == ' ' || b == '\t' || b == '\r';
    }

    private static String describe(byte b) {
        if (b >= 0x21 && b < 0x7F) {
            return "'" + (char) b + "'";
        }
        return String.format("byte 0x%02x", b & 0xFF);
    }
}
