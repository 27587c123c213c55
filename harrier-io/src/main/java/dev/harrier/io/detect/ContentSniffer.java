package dev.harrier.io.detect;

import dev.harrier.io.ntfs.MftReader;
import dev.harrier.io.ntfs.UsnJournalReader;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Picks a reader from a file's content rather than its extension. Binary signatures are checked
 * first (EVTX, {@code $MFT}, then a USN record), then the first non-blank character of the text
 * after any byte order mark.
 */
public final class ContentSniffer {
    /** The bytes read from the start of a file to decide its format. */
    public static final int HEAD_LENGTH = 4096;

    private static final byte[] EVTX_SIGNATURE = "ElfFile\0".getBytes(StandardCharsets.US_ASCII);

    private ContentSniffer() {}

    /**
     * Returns the format of {@code file}. A file whose head is all zeros is checked as a sparse USN
     * journal, which reads one page per MiB of zeros.
     */
    public static InputFormat detect(Path file) throws IOException {
        byte[] head = new byte[HEAD_LENGTH];
        int length;
        try (InputStream in = Files.newInputStream(file)) {
            length = in.readNBytes(head, 0, HEAD_LENGTH);
        }
        InputFormat format = detect(head, length);
        if (format == InputFormat.UNKNOWN && length > 0 && isAllZero(head, length)) {
            return UsnJournalReader.looksLikeUsn(file)
                    ? InputFormat.USN_JOURNAL
                    : InputFormat.UNKNOWN;
        }
        return format;
    }

    /**
     * Returns the format of a file that starts with the first {@code length} bytes of {@code head}.
     */
    public static InputFormat detect(byte[] head, int length) {
        if (startsWith(head, length, EVTX_SIGNATURE)) {
            return InputFormat.EVTX;
        }
        if (MftReader.looksLikeMft(head, length)) {
            return InputFormat.MFT;
        }
        if (UsnJournalReader.looksLikeUsn(head, length)) {
            return InputFormat.USN_JOURNAL;
        }
        return detectText(head, length);
    }

    private static InputFormat detectText(byte[] head, int length) {
        int start = 0;
        int step = 1;
        if (length >= 3
                && (head[0] & 0xff) == 0xEF
                && (head[1] & 0xff) == 0xBB
                && (head[2] & 0xff) == 0xBF) {
            start = 3;
        } else if (length >= 2 && (head[0] & 0xff) == 0xFF && (head[1] & 0xff) == 0xFE) {
            start = 2;
            step = 2;
        } else if (length >= 2 && head[1] == 0 && head[0] != 0) {
            step = 2;
        }
        int first = start;
        while (first < length && isBlank(head[first])) {
            first += step;
        }
        if (first >= length) {
            return InputFormat.UNKNOWN;
        }
        byte c = head[first];
        if (c == '<') {
            return InputFormat.XML;
        }
        if (c == '{' || c == '[') {
            return InputFormat.JSON;
        }
        if (step == 1 && looksLikeCsvHeader(head, first, length)) {
            return InputFormat.CSV;
        }
        return InputFormat.UNKNOWN;
    }

    /** Returns true when the first line contains a comma and the head contains no control byte. */
    private static boolean looksLikeCsvHeader(byte[] head, int from, int length) {
        boolean comma = false;
        boolean firstLine = true;
        for (int i = from; i < length; i++) {
            int b = head[i] & 0xff;
            if (b == '\n') {
                firstLine = false;
            } else if (b < 0x20 && b != '\r' && b != '\t') {
                return false;
            } else if (b == ',' && firstLine) {
                comma = true;
            }
        }
        return comma;
    }

    private static boolean isBlank(byte b) {
        return b == ' ' || b == '\t' || b == '\r' || b == '\n';
    }

    private static boolean startsWith(byte[] head, int length, byte[] prefix) {
        if (length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (head[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean isAllZero(byte[] head, int length) {
        for (int i = 0; i < length; i++) {
            if (head[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
