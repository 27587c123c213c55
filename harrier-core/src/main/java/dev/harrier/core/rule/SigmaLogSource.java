package dev.harrier.core.rule;

import java.util.Map;
import java.util.Objects;

/**
 * A rule's {@code logsource}: which kind of log it is written for. Values are compared lower-case.
 *
 * @param category for example {@code file_event}, or null
 * @param product for example {@code windows}, or null
 * @param service for example {@code security}, or null
 * @param definition free text for people, with no matching meaning
 * @param custom any other keys the rule gives
 */
public record SigmaLogSource(
        String category, String product, String service, String definition,
        Map<String, String> custom) {

    public SigmaLogSource {
        category = normalise(category);
        product = normalise(product);
        service = normalise(service);
        custom = custom == null ? Map.of() : Map.copyOf(custom);
    }

    public static SigmaLogSource of(String category, String product, String service) {
        return new SigmaLogSource(category, product, service, null, Map.of());
    }

    private static String normalise(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return value.trim().toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * Returns true when this log source is as broad as or broader than {@code other}: each of this
     * source's category, product and service that is set equals the other's.
     */
    public boolean contains(SigmaLogSource other) {
        return (category == null || category.equals(other.category))
                && (product == null || product.equals(other.product))
                && (service == null || service.equals(other.service));
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        append(text, "product", product);
        append(text, "category", category);
        append(text, "service", service);
        return text.length() == 0 ? "(any)" : text.toString();
    }

    private static void append(StringBuilder text, String key, String value) {
        if (value != null) {
            if (text.length() > 0) {
                text.append(' ');
            }
            text.append(key).append('=').append(value);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SigmaLogSource that
                && Objects.equals(category, that.category)
                && Objects.equals(product, that.product)
                && Objects.equals(service, that.service);
    }

    @Override
    public int hashCode() {
        return Objects.hash(category, product, service);
    }
}
