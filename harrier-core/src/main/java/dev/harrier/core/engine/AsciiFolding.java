package dev.harrier.core.engine;

/**
 * Folds text for case-insensitive search of ASCII literals: ASCII letters become lower case, the
 * few non-ASCII characters equal to an ASCII letter under case folding (the Kelvin sign, the long
 * s, the dotted capital I) become that letter, and every other non-ASCII character becomes {@code
 * \0}. Length is kept, and an ASCII literal without {@code \0}, lower-cased, occurs in the folded
 * text exactly where it occurs case-insensitively in the original.
 */
final class AsciiFolding {
    private static final char[] MAPPING = mapping();

    private AsciiFolding() {}

    private static char[] mapping() {
        char[] mapping = new char[Character.MAX_VALUE + 1];
        for (int c = 0; c <= Character.MAX_VALUE; c++) {
            if (c < 128) {
                mapping[c] = (c >= 'A' && c <= 'Z') ? (char) (c + 32) : (char) c;
            } else {
                mapping[c] = StringTest.asciiFold((char) c);
            }
        }
        return mapping;
    }

    /** Returns the folded form of one character. */
    static char fold(char c) {
        return MAPPING[c];
    }

    /** Returns the folded form of {@code text}. */
    static String fold(String text) {
        char[] folded = new char[text.length()];
        for (int i = 0; i < folded.length; i++) {
            folded[i] = MAPPING[text.charAt(i)];
        }
        return new String(folded);
    }
}
