package dev.harrier.core.engine;

import java.util.IdentityHashMap;
import java.util.Locale;

/**
 * Lower-case copies of recently tested field values, per thread, so that the many substring tests
 * that the rules of one log source run on the same value (hundreds on one command line) lower-case
 * it once and then use {@link String#indexOf(String)}.
 *
 * <p>Entries are keyed by the identity of the value string; the cache is cleared when it contains
 * {@link #MAX_ENTRIES} values, which keeps it small and lets old events go.
 */
final class LowerCaseCache {
    /** Values kept per thread before the cache starts over. */
    static final int MAX_ENTRIES = 512;

    /** Values shorter than this are scanned directly, which is cheaper than a cache lookup. */
    static final int MIN_LENGTH = 48;

    private static final ThreadLocal<IdentityHashMap<String, String>> CACHE =
            ThreadLocal.withInitial(() -> new IdentityHashMap<>(MAX_ENTRIES * 2));

    private LowerCaseCache() {}

    /** Marks a value that is not all ASCII, which callers compare character by character. */
    private static final String NOT_ASCII = new String("not ASCII");

    /**
     * Returns {@code text} in lower case when it is all ASCII, else null: outside ASCII, whole-string
     * lower-casing and character-by-character case folding can differ (the Greek final sigma, the
     * theta symbol), so callers fall back to the latter.
     */
    static String asciiLowerCase(String text) {
        IdentityHashMap<String, String> cache = CACHE.get();
        String lower = cache.get(text);
        if (lower == null) {
            if (cache.size() >= MAX_ENTRIES) {
                cache.clear();
            }
            lower = isAscii(text) ? text.toLowerCase(Locale.ROOT) : NOT_ASCII;
            cache.put(text, lower);
        }
        return lower == NOT_ASCII ? null : lower;
    }

    private static boolean isAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 128) {
                return false;
            }
        }
        return true;
    }
}
