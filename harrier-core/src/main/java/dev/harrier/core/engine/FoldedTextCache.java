package dev.harrier.core.engine;

import java.util.IdentityHashMap;

/**
 * Folded copies ({@link AsciiFolding}) of recently tested field values, per thread, so that the
 * many substring tests that the rules of one log source run on the same value (hundreds on one
 * command line) fold it once and then use {@link String#indexOf(String)}.
 *
 * <p>Entries are keyed by the identity of the value string; the cache is cleared when it contains
 * {@link #MAX_ENTRIES} values, which keeps it small and lets old events go.
 */
final class FoldedTextCache {
    /** Values kept per thread before the cache starts over. */
    static final int MAX_ENTRIES = 512;

    /** Values shorter than this are scanned directly, which is cheaper than a cache lookup. */
    static final int MIN_LENGTH = 12;

    private static final ThreadLocal<IdentityHashMap<String, String>> CACHE =
            ThreadLocal.withInitial(() -> new IdentityHashMap<>(MAX_ENTRIES * 2));

    private FoldedTextCache() {}

    /** Returns {@code text} folded by {@link AsciiFolding}. */
    static String folded(String text) {
        IdentityHashMap<String, String> cache = CACHE.get();
        String folded = cache.get(text);
        if (folded == null) {
            if (cache.size() >= MAX_ENTRIES) {
                cache.clear();
            }
            folded = AsciiFolding.fold(text);
            cache.put(text, folded);
        }
        return folded;
    }
}
