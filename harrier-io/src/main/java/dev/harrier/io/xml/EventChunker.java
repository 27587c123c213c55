package dev.harrier.io.xml;

import java.io.IOException;
import java.io.Reader;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cuts Windows event XML into the text of its {@code <Event>} elements, so that each one is parsed
 * on its own and a malformed event costs only itself. The text may be a bare run of events, as
 * {@code wevtutil qe /f:xml} writes, or events inside an {@code <Events>} root, as Event Viewer
 * saves them.
 *
 * <p>An event is the text from {@code <Event} (followed by a space, {@code >} or {@code /}) to the
 * next {@code </Event>}. Between events only white space, the XML declaration, comments and the
 * {@code <Events>} tags may appear; anything else, a DOCTYPE included, is reported once per gap and
 * never parsed.
 */
final class EventChunker {
    /** One event's text and where it starts (1-based line and column). */
    record Chunk(String xml, int line, int column) {}

    /** Receives the events and the problems in file order. */
    interface Listener {
        void chunk(Chunk chunk);

        void problem(int line, int column, String message, int lostRecords);
    }

    private static final String START_TAG = "<Event";
    private static final String END_TAG = "</Event>";
    private static final Pattern ALLOWED_BETWEEN_EVENTS =
            Pattern.compile("\\s+|<\\?.*?\\?>|<!--.*?-->|</?Events\\b[^>]*>", Pattern.DOTALL);
    private static final int READ_SIZE = 64 * 1024;

    private final Reader reader;
    private final int maxEventChars;
    private final StringBuilder text = new StringBuilder();
    private final char[] readBuffer = new char[READ_SIZE];
    private int base;
    private int line = 1;
    private int column = 1;
    private boolean endOfInput;

    EventChunker(Reader reader, int maxEventChars) {
        this.reader = reader;
        this.maxEventChars = maxEventChars;
    }

    /** Sends every event and problem of the input to {@code listener}. */
    void run(Listener listener) throws IOException {
        boolean checkGap = true;
        while (true) {
            int start = findStart(base);
            if (start < 0) {
                if (checkGap) {
                    checkGap(text.length(), listener);
                }
                return;
            }
            if (checkGap) {
                checkGap(start, listener);
            }
            consumeTo(start);
            checkGap = true;

            int startLine = line;
            int startColumn = column;
            int searchFrom = base + START_TAG.length();
            while (true) {
                int close = text.indexOf(END_TAG, searchFrom);
                int next = close < 0 ? findStartNoRead(searchFrom) : -1;
                if (close >= 0) {
                    int nextBeforeClose = findStartNoRead(base + START_TAG.length());
                    if (nextBeforeClose >= 0 && nextBeforeClose < close) {
                        next = nextBeforeClose;
                    } else {
                        int end = close + END_TAG.length();
                        listener.chunk(
                                new Chunk(text.substring(base, end), startLine, startColumn));
                        consumeTo(end);
                        break;
                    }
                }
                if (next >= 0) {
                    listener.problem(
                            startLine,
                            startColumn,
                            "the Event element is not closed before the next Event element",
                            1);
                    consumeTo(next);
                    break;
                }
                if (text.length() - base > maxEventChars) {
                    listener.problem(
                            startLine,
                            startColumn,
                            "the Event element is longer than "
                                    + maxEventChars
                                    + " characters; skipped to the next Event element",
                            1);
                    consumeTo(text.length() - END_TAG.length());
                    checkGap = false;
                    break;
                }
                if (endOfInput) {
                    listener.problem(
                            startLine,
                            startColumn,
                            "the Event element is not closed before the end of the file",
                            1);
                    consumeTo(text.length());
                    return;
                }
                searchFrom = Math.max(base, text.length() - END_TAG.length());
                fill();
            }
        }
    }

    /** Returns the index of the next event start at or after {@code from}, reading as needed. */
    private int findStart(int from) throws IOException {
        while (true) {
            int found = findStartNoRead(from);
            if (found >= 0 || endOfInput) {
                return found;
            }
            if (text.length() - base > maxEventChars) {
                return -1;
            }
            fill();
        }
    }

    /** Returns the index of the next complete event start tag in the buffered text, else -1. */
    private int findStartNoRead(int from) {
        int index = from;
        while (true) {
            int found = text.indexOf(START_TAG, index);
            if (found < 0 || found + START_TAG.length() >= text.length()) {
                return -1;
            }
            char after = text.charAt(found + START_TAG.length());
            if (after == '>' || after == '/' || Character.isWhitespace(after)) {
                return found;
            }
            index = found + 1;
        }
    }

    private void checkGap(int end, Listener listener) {
        Matcher allowed = ALLOWED_BETWEEN_EVENTS.matcher(text);
        int position = base;
        while (position < end) {
            allowed.region(position, end);
            if (!allowed.lookingAt()) {
                int[] where = lineAndColumn(position);
                String found = text.substring(position, Math.min(end, position + 40));
                listener.problem(
                        where[0],
                        where[1],
                        "unexpected content outside an Event element: " + found.strip(),
                        0);
                return;
            }
            position = allowed.end();
        }
    }

    private int[] lineAndColumn(int index) {
        int atLine = line;
        int atColumn = column;
        for (int i = base; i < index; i++) {
            if (text.charAt(i) == '\n') {
                atLine++;
                atColumn = 1;
            } else {
                atColumn++;
            }
        }
        return new int[] {atLine, atColumn};
    }

    private void consumeTo(int index) {
        int[] where = lineAndColumn(index);
        line = where[0];
        column = where[1];
        base = index;
        if (base > READ_SIZE && base > text.length() / 2) {
            text.delete(0, base);
            base = 0;
        }
    }

    private void fill() throws IOException {
        int read = reader.read(readBuffer);
        if (read < 0) {
            endOfInput = true;
        } else {
            text.append(readBuffer, 0, read);
        }
    }
}
