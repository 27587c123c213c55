package dev.harrier.io.csv;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits RFC 4180 text into rows: fields separated by commas, quoted fields that may hold commas,
 * line breaks and doubled quotes, rows ended by CRLF, LF or CR. It is lenient where exports are
 * sloppy: a quote inside an unquoted field and text after a closing quote are kept as text.
 */
final class CsvParser {
    /** A row and the 1-based line it starts on. */
    record Row(List<String> cells, int line, boolean unterminated, boolean tooLong) {}

    private final Reader reader;
    private final int maxRowChars;
    private final char[] buffer = new char[8192];
    private int length;
    private int index;
    private int pushedBack = -2;
    private int line = 1;

    CsvParser(Reader reader, int maxRowChars) {
        this.reader = reader;
        this.maxRowChars = maxRowChars;
    }

    /** Returns the next row that is not empty, or null at the end of the input. */
    Row next() throws IOException {
        while (true) {
            int startLine = line;
            List<String> cells = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            int rowChars = 0;
            boolean tooLong = false;
            boolean quoted = false;
            boolean afterQuote = false;
            boolean sawText = false;
            while (true) {
                int c = read();
                if (c < 0) {
                    if (!sawText && cells.isEmpty()) {
                        return null;
                    }
                    cells.add(field.toString());
                    return new Row(cells, startLine, quoted && !afterQuote, tooLong);
                }
                if (c == '\r' || c == '\n') {
                    if (c == '\r') {
                        int following = read();
                        if (following != '\n' && following >= 0) {
                            pushBack(following);
                        }
                    }
                    line++;
                    if (quoted && !afterQuote) {
                        rowChars = append(field, '\n', rowChars);
                        tooLong |= rowChars > maxRowChars;
                        continue;
                    }
                    break;
                }
                sawText = true;
                if (quoted && !afterQuote) {
                    if (c == '"') {
                        afterQuote = true;
                    } else {
                        rowChars = append(field, (char) c, rowChars);
                    }
                } else if (afterQuote && c == '"') {
                    rowChars = append(field, '"', rowChars);
                    afterQuote = false;
                } else if (c == ',') {
                    cells.add(field.toString());
                    field.setLength(0);
                    quoted = false;
                    afterQuote = false;
                } else if (c == '"' && field.length() == 0 && !quoted) {
                    quoted = true;
                } else {
                    rowChars = append(field, (char) c, rowChars);
                }
                tooLong |= rowChars > maxRowChars;
            }
            if (!sawText && cells.isEmpty()) {
                continue;
            }
            cells.add(field.toString());
            return new Row(cells, startLine, false, tooLong);
        }
    }

    /** Appends unless the row is already over the limit, so a runaway row cannot fill memory. */
    private int append(StringBuilder field, char c, int rowChars) {
        if (rowChars <= maxRowChars) {
            field.append(c);
        }
        return rowChars + 1;
    }

    private int read() throws IOException {
        if (pushedBack != -2) {
            int c = pushedBack;
            pushedBack = -2;
            return c;
        }
        if (index == length) {
            length = reader.read(buffer);
            index = 0;
            if (length <= 0) {
                length = 0;
                return -1;
            }
        }
        return buffer[index++];
    }

    private void pushBack(int c) {
        pushedBack = c;
    }
}
