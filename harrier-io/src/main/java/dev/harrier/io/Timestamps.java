package dev.harrier.io;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;

/**
 * Lenient parsing of the timestamps found in log exports. Accepted forms:
 *
 * <ul>
 *   <li>ISO-8601 date and time with {@code T} or a space between them, 0 to 9 fraction digits and
 *       an optional offset ({@code Z}, {@code +02:00}, {@code +0200}, {@code +02}): {@code
 *       2021-12-04T21:19:16.7611230Z}, {@code 2020-10-19 07:30:46.400};
 *   <li>a date alone ({@code 2020-10-19}), read as midnight;
 *   <li>the US form of Sentinel CSV exports: {@code 8/27/2020, 11:40:57.208 AM};
 *   <li>epoch milliseconds, as a number or a string of 11 to 18 digits (shorter digit strings are
 *       years or compact dates, not times).
 * </ul>
 *
 * <p>A time without an offset is read as UTC. NOTE: some exporters write local time without an
 * offset (OTRF's {@code TimeCreated} is the host's local time), and such values come out shifted by
 * the host's UTC offset.
 */
public final class Timestamps {
    private static final DateTimeFormatter ISO_LENIENT =
            new DateTimeFormatterBuilder()
                    .parseCaseInsensitive()
                    .append(DateTimeFormatter.ISO_LOCAL_DATE)
                    .optionalStart()
                    .optionalStart()
                    .appendLiteral('T')
                    .optionalEnd()
                    .optionalStart()
                    .appendLiteral(' ')
                    .optionalEnd()
                    .appendValue(ChronoField.HOUR_OF_DAY, 2)
                    .appendLiteral(':')
                    .appendValue(ChronoField.MINUTE_OF_HOUR, 2)
                    .optionalStart()
                    .appendLiteral(':')
                    .appendValue(ChronoField.SECOND_OF_MINUTE, 2)
                    .optionalStart()
                    .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
                    .optionalEnd()
                    .optionalEnd()
                    .optionalStart()
                    .appendLiteral(' ')
                    .optionalEnd()
                    .optionalStart()
                    .appendOffset("+HH:MM", "Z")
                    .optionalEnd()
                    .optionalStart()
                    .appendOffset("+HHmm", "Z")
                    .optionalEnd()
                    .optionalStart()
                    .appendLiteral("UTC")
                    .optionalEnd()
                    .optionalEnd()
                    .toFormatter(Locale.ROOT);

    private static final DateTimeFormatter US_EXPORT =
            new DateTimeFormatterBuilder()
                    .parseCaseInsensitive()
                    .appendPattern("M/d/yyyy, h:mm:ss")
                    .optionalStart()
                    .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
                    .optionalEnd()
                    .appendPattern(" a")
                    .toFormatter(Locale.US);

    private static final int MIN_EPOCH_MILLIS_DIGITS = 11;

    private Timestamps() {}

    /**
     * Parses a field value as a point in time.
     *
     * @param value a {@link String} or {@link Number}, since anything else yields null
     * @return the instant, or null when the value is missing or not a recognised time
     */
    public static Instant parse(Object value) {
        if (value instanceof Number number) {
            return fromEpochMillis(number);
        }
        if (!(value instanceof String text)) {
            return null;
        }
        String trimmed = text.trim();
        if (trimmed.isEmpty()) {
            return null;
        }
        try {
            if (isDigits(trimmed)) {
                return Instant.ofEpochMilli(Long.parseLong(trimmed));
            }
            if (trimmed.indexOf('/') > 0) {
                return LocalDateTime.parse(trimmed, US_EXPORT).toInstant(ZoneOffset.UTC);
            }
            return fromIso(ISO_LENIENT.parse(trimmed));
        } catch (DateTimeException | NumberFormatException e) {
            return null;
        }
    }

    private static Instant fromIso(TemporalAccessor parsed) {
        LocalDate date = LocalDate.from(parsed);
        LocalTime time =
                parsed.isSupported(ChronoField.HOUR_OF_DAY)
                        ? LocalTime.from(parsed)
                        : LocalTime.MIDNIGHT;
        ZoneOffset offset =
                parsed.isSupported(ChronoField.OFFSET_SECONDS)
                        ? ZoneOffset.from(parsed)
                        : ZoneOffset.UTC;
        return LocalDateTime.of(date, time).toInstant(offset);
    }

    private static Instant fromEpochMillis(Number number) {
        try {
            if (number instanceof Long || number instanceof Integer) {
                return Instant.ofEpochMilli(number.longValue());
            }
            BigDecimal millis = new BigDecimal(number.toString());
            return Instant.ofEpochMilli(millis.setScale(0, RoundingMode.FLOOR).longValueExact());
        } catch (ArithmeticException | NumberFormatException | DateTimeException e) {
            return null;
        }
    }

    private static boolean isDigits(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return false;
            }
        }
        return text.length() >= MIN_EPOCH_MILLIS_DIGITS && text.length() <= 18;
    }
}
