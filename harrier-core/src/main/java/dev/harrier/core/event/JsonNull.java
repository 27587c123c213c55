package dev.harrier.core.event;

/**
 * The value of a field that is present with an explicit null (JSON {@code null}). A missing field
 * is Java {@code null} in lookups, so the two stay distinct, as the {@code null} and {@code exists}
 * semantics require.
 */
public enum JsonNull {
    INSTANCE;

    @Override
    public String toString() {
        return "null";
    }
}
