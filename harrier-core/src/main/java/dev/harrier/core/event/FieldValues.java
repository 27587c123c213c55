package dev.harrier.core.event;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * Conversions of event field values to the canonical text that Sigma compares.
 *
 * <p>Field values are {@link String}, {@link Long}, {@link Double}, {@link BigDecimal}, {@link
 * Boolean}, {@link List} (any element may match), {@link Map} (a nested object) or {@link
 * JsonNull}. A number's canonical text is its plain decimal form, so {@code 4624} and {@code
 * "4624"} compare equal.
 */
public final class FieldValues {
    private FieldValues() {}

    /**
     * Returns the canonical text of a scalar value, or {@code null} for a missing value, JSON null,
     * a list or a map.
     */
    public static String scalarText(Object value) {
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short
                || value instanceof Byte) {
            return Long.toString(((Number) value).longValue());
        }
        if (value instanceof Double d) {
            return numberText(BigDecimal.valueOf(d));
        }
        if (value instanceof Float f) {
            return numberText(new BigDecimal(Float.toString(f)));
        }
        if (value instanceof BigDecimal b) {
            return numberText(b);
        }
        if (value instanceof Number n) {
            return n.toString();
        }
        if (value instanceof Boolean b) {
            return b ? "true" : "false";
        }
        return null;
    }

    private static String numberText(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        if (stripped.scale() < 0) {
            stripped = stripped.setScale(0);
        }
        return stripped.toPlainString();
    }

    /** Returns true when the value is a JSON null. */
    public static boolean isNull(Object value) {
        return value == JsonNull.INSTANCE;
    }

    /**
     * Calls {@code action} with the canonical text of every scalar leaf under {@code value}, walking
     * into lists and maps. JSON nulls are skipped.
     */
    public static void forEachLeafText(Object value, java.util.function.Consumer<String> action) {
        if (value instanceof List<?> list) {
            for (Object element : list) {
                forEachLeafText(element, action);
            }
        } else if (value instanceof Map<?, ?> map) {
            for (Object element : map.values()) {
                forEachLeafText(element, action);
            }
        } else {
            String text = scalarText(value);
            if (text != null) {
                action.accept(text);
            }
        }
    }
}
