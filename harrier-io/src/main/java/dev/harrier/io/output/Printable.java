package dev.harrier.io.output;

/**
 * Makes text from logs safe to print on a terminal: control characters (C0, DEL and C1), which
 * could move the cursor or erase earlier lines, are shown as {@code \\xNN} escapes.
 */
public final class Printable {
    private Printable() {}

    /** Returns {@code text} with every control character escaped; null stays null. */
    public static String of(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder safe = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean control = c < 0x20 || c == 0x7f || (c >= 0x80 && c <= 0x9f);
            if (control && safe == null) {
                safe = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (safe != null) {
                if (control) {
                    safe.append(String.format("\\x%02x", (int) c));
                } else {
                    safe.append(c);
                }
            }
        }
        return safe == null ? text : safe.toString();
    }
}
