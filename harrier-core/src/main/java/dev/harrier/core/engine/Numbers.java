package dev.harrier.core.engine;

import java.math.BigDecimal;

/** Parsing of field values as numbers for {@code gt}, {@code gte}, {@code lt} and {@code lte}. */
final class Numbers {
    private static final int MAX_NUMBER_LENGTH = 100;

    private Numbers() {}

    /** Returns the decimal value of {@code text}, or null when it is not a plain decimal number. */
    static BigDecimal parse(String text) {
        String trimmed = text.trim();
        if (trimmed.isEmpty() || trimmed.length() > MAX_NUMBER_LENGTH) {
            return null;
        }
        for (int i = 0; i < trimmed.length(); i++) {
            char c = trimmed.charAt(i);
            boolean allowed = (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '+'
                    || c == 'e' || c == 'E';
            if (!allowed) {
                return null;
            }
        }
        try {
            return new BigDecimal(trimmed);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
