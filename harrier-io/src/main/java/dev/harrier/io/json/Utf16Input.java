package dev.harrier.io.json;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackInputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;

/**
 * Converts UTF-16 input with a byte order mark to UTF-8, so the byte-oriented framer can read it.
 * Windows PowerShell 5 writes {@code ConvertTo-Json | Out-File} output as UTF-16LE with a mark.
 * Input without a UTF-16 mark passes through unchanged.
 */
final class Utf16Input {
    private Utf16Input() {}

    static InputStream toUtf8(InputStream in) throws IOException {
        PushbackInputStream pushback = new PushbackInputStream(in, 2);
        byte[] head = pushback.readNBytes(2);
        pushback.unread(head);
        boolean utf16 =
                head.length == 2
                        && ((head[0] == (byte) 0xFF && head[1] == (byte) 0xFE)
                                || (head[0] == (byte) 0xFE && head[1] == (byte) 0xFF));
        if (!utf16) {
            return pushback;
        }
        // The UTF-16 decoder reads the byte order from the mark and drops it.
        return new Utf8Encoding(new InputStreamReader(pushback, StandardCharsets.UTF_16));
    }

    /** Encodes the characters of a reader as UTF-8 bytes. */
    private static final class Utf8Encoding extends InputStream {
        private final Reader reader;
        private final char[] chars = new char[8192];
        private int heldChars;
        private byte[] bytes = new byte[0];
        private int next;

        Utf8Encoding(Reader reader) {
            this.reader = reader;
        }

        @Override
        public int read() throws IOException {
            if (!fill()) {
                return -1;
            }
            return bytes[next++] & 0xFF;
        }

        @Override
        public int read(byte[] target, int offset, int length) throws IOException {
            if (length == 0) {
                return 0;
            }
            if (!fill()) {
                return -1;
            }
            int n = Math.min(length, bytes.length - next);
            System.arraycopy(bytes, next, target, offset, n);
            next += n;
            return n;
        }

        private boolean fill() throws IOException {
            while (next == bytes.length) {
                int n = reader.read(chars, heldChars, chars.length - heldChars);
                if (n < 0) {
                    if (heldChars == 0) {
                        return false;
                    }
                    bytes = new String(chars, 0, heldChars).getBytes(StandardCharsets.UTF_8);
                    heldChars = 0;
                    next = 0;
                    return bytes.length > 0;
                }
                int total = heldChars + n;
                // Keep a trailing high surrogate until its low half arrives with the next read.
                int complete =
                        total > 0 && Character.isHighSurrogate(chars[total - 1])
                                ? total - 1
                                : total;
                bytes = new String(chars, 0, complete).getBytes(StandardCharsets.UTF_8);
                next = 0;
                heldChars = total - complete;
                if (heldChars == 1) {
                    chars[0] = chars[total - 1];
                }
            }
            return true;
        }

        @Override
        public void close() throws IOException {
            reader.close();
        }
    }
}
