package dev.harrier.core.engine;

import dev.harrier.core.value.SigmaString;
import java.util.ArrayList;
import java.util.List;

/**
 * A compiled test of a text against a {@link SigmaString}, chosen by cost: exact, prefix, suffix
 * and substring tests run without allocation; other wildcard patterns use a backtracking matcher
 * that is linear in practice and quadratic at worst (no exponential cases).
 *
 * <p>Case-insensitive tests compare character by character with Unicode simple case folding (as
 * {@link String#regionMatches(boolean, int, String, int, int)} does), so {@code ПРИКАЗ} matches
 * {@code приказ} without depending on the default locale.
 */
abstract class StringTest {
    abstract boolean test(String text);

    /**
     * Returns the lower-case needle when this is a case-insensitive substring test of ASCII text
     * without {@code \0}, else null. Keyword searches use it to test all of an event's values at
     * once in {@link PrefilterText}.
     */
    String asciiSubstring() {
        return null;
    }

    static StringTest compile(SigmaString pattern, boolean cased) {
        List<SigmaString.Part> parts = pattern.parts();
        boolean ignoreCase = !cased;
        if (!pattern.hasWildcards()) {
            return new Exact(pattern.isEmpty() ? "" : pattern.plainText(), ignoreCase);
        }
        if (parts.size() == 2 && parts.get(1) == SigmaString.Wildcard.ANY_RUN
                && parts.get(0) instanceof SigmaString.Literal literal) {
            return new Prefix(literal.text(), ignoreCase);
        }
        if (parts.size() == 2 && parts.get(0) == SigmaString.Wildcard.ANY_RUN
                && parts.get(1) instanceof SigmaString.Literal literal) {
            return new Suffix(literal.text(), ignoreCase);
        }
        if (parts.size() == 3 && parts.get(0) == SigmaString.Wildcard.ANY_RUN
                && parts.get(2) == SigmaString.Wildcard.ANY_RUN
                && parts.get(1) instanceof SigmaString.Literal literal) {
            return new Contains(literal.text(), ignoreCase);
        }
        if (parts.size() == 1 && parts.get(0) == SigmaString.Wildcard.ANY_RUN) {
            return new Any();
        }
        return new Glob(parts, ignoreCase);
    }

    static boolean charsEqual(char a, char b) {
        if (a == b) {
            return true;
        }
        char upperA = Character.toUpperCase(a);
        char upperB = Character.toUpperCase(b);
        return upperA == upperB || Character.toLowerCase(upperA) == Character.toLowerCase(upperB);
    }

    /**
     * For each ASCII character, the non-ASCII characters that equal it under case folding (the
     * Kelvin sign and k, the long s and s, the dotted capital I and i), found once by testing
     * every character.
     */
    private static final char[][] NON_ASCII_FOLDS = nonAsciiFolds();

    private static char[][] nonAsciiFolds() {
        char[][] folds = new char[128][];
        for (char ascii = 0; ascii < 128; ascii++) {
            StringBuilder matches = new StringBuilder();
            for (int c = 128; c <= Character.MAX_VALUE; c++) {
                if (charsEqual((char) c, ascii)) {
                    matches.append((char) c);
                }
            }
            folds[ascii] = matches.toString().toCharArray();
        }
        return folds;
    }

    /**
     * Returns the lower-case ASCII letter that a non-ASCII character equals under case folding
     * (the Kelvin sign gives k), or 0 when there is none.
     */
    static char asciiFold(char c) {
        for (char ascii = 'a'; ascii <= 'z'; ascii++) {
            if (foldsTo(c, NON_ASCII_FOLDS[ascii])) {
                return ascii;
            }
        }
        return 0;
    }

    private static boolean foldsTo(char c, char[] candidates) {
        for (char candidate : candidates) {
            if (c == candidate) {
                return true;
            }
        }
        return false;
    }

    /** Returns the first index of {@code needle} in {@code text} at or after {@code from}, or -1. */
    static int indexOfIgnoreCase(String text, String needle, int from) {
        int last = text.length() - needle.length();
        if (needle.isEmpty()) {
            return from <= text.length() ? from : -1;
        }
        char first = needle.charAt(0);
        char firstUpper = Character.toUpperCase(first);
        char firstLower = Character.toLowerCase(first);
        int rest = needle.length() - 1;
        char[] firstFolds = first < 128 ? NON_ASCII_FOLDS[first] : null;
        for (int i = from; i <= last; i++) {
            char c = text.charAt(i);
            boolean candidate = c == first || c == firstUpper || c == firstLower
                    || c >= 128 && (firstFolds == null ? charsEqual(c, first) : foldsTo(c, firstFolds));
            if (candidate && text.regionMatches(true, i + 1, needle, 1, rest)) {
                return i;
            }
        }
        return -1;
    }

    private static final class Exact extends StringTest {
        private final String value;
        private final boolean ignoreCase;

        Exact(String value, boolean ignoreCase) {
            this.value = value;
            this.ignoreCase = ignoreCase;
        }

        @Override
        boolean test(String text) {
            return ignoreCase ? text.equalsIgnoreCase(value) : text.equals(value);
        }
    }

    private static final class Prefix extends StringTest {
        private final String prefix;
        private final boolean ignoreCase;

        Prefix(String prefix, boolean ignoreCase) {
            this.prefix = prefix;
            this.ignoreCase = ignoreCase;
        }

        @Override
        boolean test(String text) {
            return text.regionMatches(ignoreCase, 0, prefix, 0, prefix.length());
        }
    }

    private static final class Suffix extends StringTest {
        private final String suffix;
        private final boolean ignoreCase;

        Suffix(String suffix, boolean ignoreCase) {
            this.suffix = suffix;
            this.ignoreCase = ignoreCase;
        }

        @Override
        boolean test(String text) {
            int start = text.length() - suffix.length();
            return start >= 0 && text.regionMatches(ignoreCase, start, suffix, 0, suffix.length());
        }
    }

    private static final class Contains extends StringTest {
        private final String needle;
        private final boolean ignoreCase;
        /** The needle folded by {@link AsciiFolding}. */
        private final String foldedNeedle;
        /** Whether every folded character stands for itself, so a folded hit needs no check. */
        private final boolean exactFold;

        Contains(String needle, boolean ignoreCase) {
            this.needle = needle;
            this.ignoreCase = ignoreCase;
            this.foldedNeedle = AsciiFolding.fold(needle);
            this.exactFold = needle.chars().allMatch(c -> c < 128 && c != 0);
        }

        @Override
        String asciiSubstring() {
            return ignoreCase && exactFold ? foldedNeedle : null;
        }

        @Override
        boolean test(String text) {
            if (!ignoreCase) {
                return text.contains(needle);
            }
            if (text.length() < FoldedTextCache.MIN_LENGTH) {
                return indexOfIgnoreCase(text, needle, 0) >= 0;
            }
            // Folding keeps positions, and two characters equal under case folding fold alike,
            // so every match is a hit in the folded text. A hit on a needle with non-ASCII
            // characters, which fold to \0, is confirmed on the original text.
            String folded = FoldedTextCache.folded(text);
            for (int hit = folded.indexOf(foldedNeedle); hit >= 0;
                    hit = folded.indexOf(foldedNeedle, hit + 1)) {
                if (exactFold || text.regionMatches(true, hit, needle, 0, needle.length())) {
                    return true;
                }
            }
            return false;
        }
    }

    private static final class Any extends StringTest {
        @Override
        boolean test(String text) {
            return true;
        }
    }

    /**
     * A general wildcard pattern. The pattern is split at each {@code *} into segments of literal
     * characters and {@code ?}; each segment after the first is matched at its leftmost possible
     * position, which is enough because a later {@code *} can absorb any gap.
     */
    private static final class Glob extends StringTest {
        /** Segment characters; {@code null} entries are {@code ?}. */
        private final List<Character[]> segments = new ArrayList<>();
        private final boolean anchoredStart;
        private final boolean anchoredEnd;
        private final boolean ignoreCase;

        Glob(List<SigmaString.Part> parts, boolean ignoreCase) {
            this.ignoreCase = ignoreCase;
            this.anchoredStart = parts.get(0) != SigmaString.Wildcard.ANY_RUN;
            this.anchoredEnd = parts.get(parts.size() - 1) != SigmaString.Wildcard.ANY_RUN;
            List<Character> current = new ArrayList<>();
            for (SigmaString.Part part : parts) {
                if (part == SigmaString.Wildcard.ANY_RUN) {
                    segments.add(current.toArray(new Character[0]));
                    current = new ArrayList<>();
                } else if (part == SigmaString.Wildcard.ANY_CHAR) {
                    current.add(null);
                } else {
                    for (char c : ((SigmaString.Literal) part).text().toCharArray()) {
                        current.add(c);
                    }
                }
            }
            segments.add(current.toArray(new Character[0]));
        }

        private boolean segmentAt(Character[] segment, String text, int position) {
            if (position + segment.length > text.length()) {
                return false;
            }
            for (int i = 0; i < segment.length; i++) {
                Character expected = segment[i];
                if (expected == null) {
                    continue;
                }
                char actual = text.charAt(position + i);
                if (ignoreCase ? !charsEqual(actual, expected) : actual != expected) {
                    return false;
                }
            }
            return true;
        }

        @Override
        boolean test(String text) {
            int count = segments.size();
            Character[] first = segments.get(0);
            Character[] last = segments.get(count - 1);
            int start = 0;
            int end = text.length();
            if (count == 1) {
                return text.length() == first.length && segmentAt(first, text, 0);
            }
            if (anchoredStart) {
                if (!segmentAt(first, text, 0)) {
                    return false;
                }
                start = first.length;
            }
            if (anchoredEnd) {
                int lastStart = end - last.length;
                if (lastStart < start || !segmentAt(last, text, lastStart)) {
                    return false;
                }
                end = lastStart;
            }
            int from = anchoredStart ? 1 : 0;
            int to = anchoredEnd ? count - 1 : count;
            int position = start;
            for (int s = from; s < to; s++) {
                Character[] segment = segments.get(s);
                if (segment.length == 0) {
                    continue;
                }
                int found = -1;
                for (int p = position; p + segment.length <= end; p++) {
                    if (segmentAt(segment, text, p)) {
                        found = p;
                        break;
                    }
                }
                if (found < 0) {
                    return false;
                }
                position = found + segment.length;
            }
            return true;
        }
    }
}
