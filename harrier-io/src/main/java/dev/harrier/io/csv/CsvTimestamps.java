package dev.harrier.io.csv;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

/** Finds the event time of a CSV row in its time columns. */
final class CsvTimestamps {
    static final List<String> TIME_COLUMNS = List.of("TimeGenerated", "Timestamp", "TimeCreated");

    /** The suffix the Sentinel portal adds to the header of a time column exported in UTC. */
    private static final String UTC_SUFFIX = " [UTC]";

    /** The Sentinel portal's export format, for example {@code 12/4/2021, 9:20:03.968 PM}. */
    private static final DateTimeFormatter PORTAL =
            DateTimeFormatter.ofPattern("M/d/uuuu, h:mm:ss[.SSS] a", Locale.US);

    private CsvTimestamps() {}

    /** Returns the time of the first time column that parses, or null. */
    static Instant find(List<String> columns, List<String> cells) {
        for (String name : TIME_COLUMNS) {
            for (int i = 0; i < columns.size(); i++) {
                String column = columns.get(i);
                if (column.equals(name) || column.equals(name + UTC_SUFFIX)) {
                    Instant time = parse(cells.get(i).strip());
                    if (time != null) {
                        return time;
                    }
                }
            }
        }
        return null;
    }

    /** Parses ISO-8601 (with or without zone, read as UTC) or the portal format, else null. */
    static Instant parse(String text) {
        if (text.isEmpty()) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            // Not an ISO instant with zone; try the forms without one.
        }
        try {
            return LocalDateTime.parse(text.replace(' ', 'T')).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            // Not ISO-8601 without zone either.
        }
        try {
            return LocalDateTime.parse(text, PORTAL).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
