package dev.harrier.io;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Detects the format of an input from its first bytes, not its file name. Binary formats are
 * recognised by their signatures, text formats by their first non-blank character after any byte
 * order mark, and the USN journal by a heuristic (see {@link #looksLikeUsnJournal(byte[])}).
 */
public final class InputFormats {
    /** Number of leading bytes to pass to {@link #detect}, or the whole input when shorter. */
    public static final int HEAD_BYTES = 4096;

    private static final byte[] ZIP_LOCAL_HEADER = {'P', 'K', 3, 4};
    private static final byte[] ZIP_EMPTY_ARCHIVE = {'P', 'K', 5, 6};
    private static final byte[] GZIP_MAGIC = {(byte) 0x1F, (byte) 0x8B};
    private static final byte[] EVTX_MAGIC = {'E', 'l', 'f', 'F', 'i', 'l', 'e', 0};
    private static final byte[] MFT_RECORD = {'F', 'I', 'L', 'E', '0'};
    private static final byte[] MFT_RECORD_OLD = {'F', 'I', 'L', 'E', '*'};

    /** The fixed part of USN_RECORD_V2, the smallest record version. */
    private static final int USN_MIN_RECORD_LENGTH = 60;

    /** The journal block size. A USN record never crosses a block boundary. */
    private static final int USN_MAX_RECORD_LENGTH = 4096;

    private InputFormats() {}

    /** Returns the format of a file from its first {@link #HEAD_BYTES} bytes and its name. */
    public static InputFormat detect(java.nio.file.Path file) throws java.io.IOException {
        byte[] head;
        try (java.io.InputStream in = java.nio.file.Files.newInputStream(file)) {
            head = in.readNBytes(HEAD_BYTES);
        }
        return detect(head, file.getFileName().toString());
    }

    /**
     * Returns the format of an input.
     *
     * @param head the first bytes of the input, up to {@link #HEAD_BYTES}, or all of a shorter one
     * @param fileName the file or member name, used only to accept a {@code .csv} file whose header
     *     line has no comma (a single-column export), never to override the content
     */
    public static InputFormat detect(byte[] head, String fileName) {
        if (startsWith(head, ZIP_LOCAL_HEADER) || startsWith(head, ZIP_EMPTY_ARCHIVE)) {
            return InputFormat.ZIP;
        }
        if (startsWith(head, GZIP_MAGIC)) {
            return InputFormat.GZIP;
        }
        if (startsWith(head, EVTX_MAGIC)) {
            return InputFormat.EVTX;
        }
        if (startsWith(head, MFT_RECORD) || startsWith(head, MFT_RECORD_OLD)) {
            return InputFormat.MFT;
        }
        if (looksLikeUsnJournal(head)) {
            return InputFormat.USN;
        }
        return detectText(head, fileName);
    }

    /**
     * Returns true when the input starts like a USN journal: either with zero bytes only (the
     * sparse head of an extracted {@code $J}, which can be gigabytes long) or with a plausible USN
     * record header: RecordLength a multiple of 8 between 60 and 4,096, MajorVersion 2, 3 or 4, and
     * MinorVersion 0.
     */
    static boolean looksLikeUsnJournal(byte[] head) {
        if (head.length < 8) {
            return false;
        }
        boolean allZero = true;
        for (byte b : head) {
            if (b != 0) {
                allZero = false;
                break;
            }
        }
        if (allZero) {
            return true;
        }
        long recordLength = u32(head, 0);
        int majorVersion = u16(head, 4);
        int minorVersion = u16(head, 6);
        return recordLength % 8 == 0
                && recordLength >= USN_MIN_RECORD_LENGTH
                && recordLength <= USN_MAX_RECORD_LENGTH
                && majorVersion >= 2
                && majorVersion <= 4
                && minorVersion == 0;
    }

    private static InputFormat detectText(byte[] head, String fileName) {
        String text = decodeText(head);
        int first = 0;
        while (first < text.length() && Character.isWhitespace(text.charAt(first))) {
            first++;
        }
        if (first == text.length()) {
            return InputFormat.UNKNOWN;
        }
        char c = text.charAt(first);
        if (c == '{' || c == '[') {
            return InputFormat.JSON;
        }
        if (c == '<') {
            return InputFormat.XML;
        }
        if (!isText(text)) {
            return InputFormat.UNKNOWN;
        }
        int lineEnd = text.indexOf('\n', first);
        String firstLine = lineEnd < 0 ? text.substring(first) : text.substring(first, lineEnd);
        boolean csvName = fileName != null && fileName.toLowerCase(Locale.ROOT).endsWith(".csv");
        boolean csvHeader = firstLine.indexOf(',') >= 0
                && nextLineHasAsManyCommas(text, firstLine, lineEnd);
        if (csvName || csvHeader) {
            return InputFormat.CSV;
        }
        // JSON Lines that open with a comment or a stray value: the JSON reader reports those
        // lines and reads the objects after them, rather than the whole file being skipped.
        if (lineEnd >= 0 && laterLineStartsObject(text, lineEnd + 1)) {
            return InputFormat.JSON;
        }
        return InputFormat.UNKNOWN;
    }

    /**
     * Returns true when the line after the header has at least as many commas as the header, or
     * there is no second line. A quoted cell may add commas. Prose with a comma in its first line
     * usually fails this test.
     */
    private static boolean nextLineHasAsManyCommas(String text, String header, int headerEnd) {
        if (headerEnd < 0) {
            return true;
        }
        for (String line : text.substring(headerEnd + 1).split("\n")) {
            if (!line.isBlank()) {
                return count(line, ',') >= count(header, ',');
            }
        }
        return true;
    }

    private static int count(String text, char c) {
        int count = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == c) {
                count++;
            }
        }
        return count;
    }

    /**
     * Returns true when at least half of the non-blank lines from {@code from} on start with
     * {@code {}, as in JSON Lines with a few stray lines; YAML or text with the odd brace line
     * stays unknown.
     */
    private static boolean laterLineStartsObject(String text, int from) {
        int lines = 0;
        int objects = 0;
        for (String line : text.substring(from).split("\n")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            lines++;
            if (trimmed.charAt(0) == '{') {
                objects++;
            }
        }
        return objects > 0 && objects * 2 >= lines;
    }

    /** Decodes the head as UTF-16 when it has a UTF-16 byte order mark, else as UTF-8. */
    private static String decodeText(byte[] head) {
        Charset charset = StandardCharsets.UTF_8;
        int skip = 0;
        if (head.length >= 2 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xFE) {
            charset = StandardCharsets.UTF_16LE;
            skip = 2;
        } else if (head.length >= 2 && (head[0] & 0xFF) == 0xFE && (head[1] & 0xFF) == 0xFF) {
            charset = StandardCharsets.UTF_16BE;
            skip = 2;
        } else if (head.length >= 3
                && (head[0] & 0xFF) == 0xEF
                && (head[1] & 0xFF) == 0xBB
                && (head[2] & 0xFF) == 0xBF) {
            skip = 3;
        }
        return new String(head, skip, head.length - skip, charset);
    }

    /** Returns false when the text contains control characters other than tab, CR and LF. */
    private static boolean isText(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 && c != '\t' && c != '\r' && c != '\n') {
                return false;
            }
        }
        return true;
    }

    private static boolean startsWith(byte[] data, byte[] prefix) {
        if (data.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (data[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static int u16(byte[] data, int offset) {
        return (data[offset] & 0xFF) | (data[offset + 1] & 0xFF) << 8;
    }

    private static long u32(byte[] data, int offset) {
        return (u16(data, offset) | (long) u16(data, offset + 2) << 16);
    }
}
