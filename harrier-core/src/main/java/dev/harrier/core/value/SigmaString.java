package dev.harrier.core.value;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * A Sigma string value: literal text mixed with the wildcards {@code *} (any run of characters) and
 * {@code ?} (exactly one character).
 *
 * <p>Parsing follows the Sigma escape rules: a backslash escapes only {@code *}, {@code ?} and
 * itself; before any other character, or at the end, it is a literal backslash. So {@code
 * C:\Windows\PSEXEC-} is literal, {@code \\} is one backslash, {@code a\*b} is the literal {@code
 * a*b} and {@code a\\*b} is {@code a\}, a wildcard, then {@code b}.
 *
 * <p>Instances are immutable. After an encoding modifier ({@code wide}, {@code utf16} ...) the
 * literal characters stand for bytes (each char 0-255), which {@link #isByteString()} reports, so
 * that a following {@code base64} encodes those bytes rather than UTF-8.
 */
public final class SigmaString {
    /** One piece of a Sigma string. */
    public sealed interface Part permits Literal, Wildcard {}

    /** Literal text, compared as is (case-insensitively unless {@code cased}). */
    public record Literal(String text) implements Part {
        public Literal {
            Objects.requireNonNull(text, "text");
        }
    }

    /** A wildcard. */
    public enum Wildcard implements Part {
        /** {@code *}: any run of characters, including none. */
        ANY_RUN,
        /** {@code ?}: exactly one character. */
        ANY_CHAR
    }

    private final List<Part> parts;
    private final boolean byteString;

    private SigmaString(List<Part> parts, boolean byteString) {
        this.parts = mergeLiterals(parts);
        this.byteString = byteString;
    }

    /** Parses a Sigma value as written in a rule (after YAML), applying the escape rules. */
    public static SigmaString parse(String text) {
        List<Part> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                char next = i + 1 < length ? text.charAt(i + 1) : 0;
                if (next == '*' || next == '?' || next == '\\') {
                    literal.append(next);
                    i++;
                } else {
                    literal.append('\\');
                }
            } else if (c == '*' || c == '?') {
                flush(literal, parts);
                parts.add(c == '*' ? Wildcard.ANY_RUN : Wildcard.ANY_CHAR);
            } else {
                literal.append(c);
            }
        }
        flush(literal, parts);
        return new SigmaString(parts, false);
    }

    /** Returns a string that is all literal text, with no wildcards. */
    public static SigmaString literal(String text) {
        return new SigmaString(List.of(new Literal(text)), false);
    }

    public static SigmaString of(List<Part> parts) {
        return new SigmaString(parts, false);
    }

    private static void flush(StringBuilder literal, List<Part> parts) {
        if (literal.length() > 0) {
            parts.add(new Literal(literal.toString()));
            literal.setLength(0);
        }
    }

    private static List<Part> mergeLiterals(List<Part> parts) {
        List<Part> merged = new ArrayList<>(parts.size());
        StringBuilder pending = new StringBuilder();
        for (Part part : parts) {
            if (part instanceof Literal literal) {
                pending.append(literal.text());
            } else {
                flush(pending, merged);
                merged.add(part);
            }
        }
        flush(pending, merged);
        return List.copyOf(merged);
    }

    public List<Part> parts() {
        return parts;
    }

    public boolean isByteString() {
        return byteString;
    }

    public boolean hasWildcards() {
        for (Part part : parts) {
            if (part instanceof Wildcard) {
                return true;
            }
        }
        return false;
    }

    public boolean isEmpty() {
        return parts.isEmpty();
    }

    public boolean startsWithAnyRun() {
        return !parts.isEmpty() && parts.get(0) == Wildcard.ANY_RUN;
    }

    public boolean endsWithAnyRun() {
        return !parts.isEmpty() && parts.get(parts.size() - 1) == Wildcard.ANY_RUN;
    }

    /** Returns the literal text; only valid when {@link #hasWildcards()} is false. */
    public String plainText() {
        StringBuilder text = new StringBuilder();
        for (Part part : parts) {
            if (part instanceof Literal literal) {
                text.append(literal.text());
            } else {
                throw new IllegalStateException("value has wildcards: " + this);
            }
        }
        return text.toString();
    }

    /** Returns this string with {@code *} before it, unless it already starts with one. */
    public SigmaString prependAnyRun() {
        if (startsWithAnyRun()) {
            return this;
        }
        List<Part> result = new ArrayList<>(parts.size() + 1);
        result.add(Wildcard.ANY_RUN);
        result.addAll(parts);
        return new SigmaString(result, byteString);
    }

    /** Returns this string with {@code *} after it, unless it already ends with one. */
    public SigmaString appendAnyRun() {
        if (endsWithAnyRun()) {
            return this;
        }
        List<Part> result = new ArrayList<>(parts.size() + 1);
        result.addAll(parts);
        result.add(Wildcard.ANY_RUN);
        return new SigmaString(result, byteString);
    }

    /**
     * Returns this string with every literal character replaced by the bytes of its encoding in
     * {@code charset}, each byte as one char; wildcards are kept.
     *
     * @param byteOrderMark whether to put the UTF-16 little-endian byte order mark (FF FE) first
     */
    public SigmaString encode(java.nio.charset.Charset charset, boolean byteOrderMark) {
        List<Part> result = new ArrayList<>(parts.size() + 1);
        if (byteOrderMark) {
            result.add(new Literal("\u00ff\u00fe"));
        }
        for (Part part : parts) {
            if (part instanceof Literal literal) {
                byte[] bytes = literal.text().getBytes(charset);
                result.add(new Literal(new String(bytes, StandardCharsets.ISO_8859_1)));
            } else {
                result.add(part);
            }
        }
        return new SigmaString(result, true);
    }

    /** Returns the bytes the literal text stands for: UTF-8, or the encoded bytes after an encoding modifier. */
    public byte[] plainBytes() {
        String text = plainText();
        return text.getBytes(byteString ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
    }

    /** Returns the standard base64 text (with padding) of this literal value. */
    public SigmaString base64() {
        return literal(Base64.getEncoder().encodeToString(plainBytes()));
    }

    /**
     * Returns the three texts that this value's base64 form can appear as inside a longer base64
     * text, one per byte alignment (0, 1 or 2 bytes before it), with the characters that depend on
     * the surrounding bytes cut off.
     */
    public List<SigmaString> base64Offsets() {
        byte[] value = plainBytes();
        int[] startCut = {0, 2, 3};
        int[] endCut = {0, 3, 2};
        List<SigmaString> result = new ArrayList<>(3);
        for (int shift = 0; shift < 3; shift++) {
            byte[] shifted = new byte[value.length + shift];
            for (int i = 0; i < shift; i++) {
                shifted[i] = ' ';
            }
            System.arraycopy(value, 0, shifted, shift, value.length);
            String encoded = Base64.getEncoder().encodeToString(shifted);
            int end = encoded.length() - endCut[(value.length + shift) % 3];
            int start = startCut[shift];
            result.add(literal(start < end ? encoded.substring(start, end) : ""));
        }
        return result;
    }

    /** Returns the rule text of this value, with wildcards and escapes as Sigma writes them. */
    public String toSigmaText() {
        StringBuilder text = new StringBuilder();
        for (Part part : parts) {
            if (part instanceof Literal literal) {
                for (int i = 0; i < literal.text().length(); i++) {
                    char c = literal.text().charAt(i);
                    if (c == '*' || c == '?' || c == '\\') {
                        text.append('\\');
                    }
                    text.append(c);
                }
            } else {
                text.append(part == Wildcard.ANY_RUN ? '*' : '?');
            }
        }
        return text.toString();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SigmaString that
                && parts.equals(that.parts)
                && byteString == that.byteString;
    }

    @Override
    public int hashCode() {
        return parts.hashCode() * 31 + (byteString ? 1 : 0);
    }

    @Override
    public String toString() {
        return toSigmaText();
    }
}
