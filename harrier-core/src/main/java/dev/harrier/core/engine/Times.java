package dev.harrier.core.engine;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;

/**
 * Parsing of date-time field values for the time-part modifiers. Values without a zone are taken
 * as UTC, because Windows logs record UTC; the time-part modifiers do no zone conversion.
 */
final class Times {
    private Times() {}

    /** Returns the time in {@code text}, or null when it is not a recognised date-time. */
    static ZonedDateTime parse(String text) {
        String trimmed = text.trim();
        if (trimmed.length() < 10 || trimmed.length() > 40) {
            return null;
        }
        String iso = trimmed.length() > 10 && trimmed.charAt(10) == ' '
                ? trimmed.substring(0, 10) + "T" + trimmed.substring(11) : trimmed;
        try {
            return OffsetDateTime.parse(iso).atZoneSameInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            // try the next form
        }
        try {
            return Instant.parse(iso).atZone(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            // try the next form
        }
        try {
            return LocalDateTime.parse(iso).atZone(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            // try the next form
        }
        try {
            return LocalDate.parse(iso).atStartOfDay(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
