package dev.harrier.io.evtx;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * Conversions of Windows FILETIME and SYSTEMTIME values to the ISO-8601 text Windows shows in event
 * XML: UTC with seven fraction digits, such as {@code 2019-03-19T23:34:10.1234567Z}.
 */
final class WindowsTime {
    /** Seconds between 1601-01-01 (the FILETIME epoch) and 1970-01-01. */
    private static final long EPOCH_DIFFERENCE_SECONDS = 11_644_473_600L;

    private static final long TICKS_PER_SECOND = 10_000_000L;
    private static final int ISO_LENGTH = 28;

    private WindowsTime() {}

    /** Converts a FILETIME (100-nanosecond ticks since 1601-01-01 UTC) to an instant. */
    static Instant filetimeToInstant(long filetime) {
        long seconds = Long.divideUnsigned(filetime, TICKS_PER_SECOND) - EPOCH_DIFFERENCE_SECONDS;
        long ticks = Long.remainderUnsigned(filetime, TICKS_PER_SECOND);
        return Instant.ofEpochSecond(seconds, ticks * 100);
    }

    /** Formats a FILETIME as ISO-8601 UTC text with seven fraction digits. */
    static String formatFiletime(long filetime) {
        long seconds = Long.divideUnsigned(filetime, TICKS_PER_SECOND) - EPOCH_DIFFERENCE_SECONDS;
        int ticks = (int) Long.remainderUnsigned(filetime, TICKS_PER_SECOND);
        long days = Math.floorDiv(seconds, 86_400L);
        int secondOfDay = (int) Math.floorMod(seconds, 86_400L);
        LocalDate date = LocalDate.ofEpochDay(days);
        return format(
                date.getYear(),
                date.getMonthValue(),
                date.getDayOfMonth(),
                secondOfDay / 3600,
                secondOfDay / 60 % 60,
                secondOfDay % 60,
                ticks);
    }

    /**
     * Formats the eight 16-bit fields of a SYSTEMTIME (year, month, day of week, day, hour, minute,
     * second, milliseconds) as ISO-8601 UTC text with seven fraction digits.
     */
    static String formatSystemtime(int[] fields) {
        return format(
                fields[0],
                fields[1],
                fields[3],
                fields[4],
                fields[5],
                fields[6],
                fields[7] * 10_000);
    }

    private static String format(
            int year, int month, int day, int hour, int minute, int second, int ticks) {
        if (year < 0 || year > 9999) {
            return String.format(
                    "%d-%02d-%02dT%02d:%02d:%02d.%07dZ",
                    year, month, day, hour, minute, second, ticks);
        }
        char[] text = new char[ISO_LENGTH];
        digits(text, 0, year, 4);
        text[4] = '-';
        digits(text, 5, month, 2);
        text[7] = '-';
        digits(text, 8, day, 2);
        text[10] = 'T';
        digits(text, 11, hour, 2);
        text[13] = ':';
        digits(text, 14, minute, 2);
        text[16] = ':';
        digits(text, 17, second, 2);
        text[19] = '.';
        digits(text, 20, ticks, 7);
        text[27] = 'Z';
        return new String(text);
    }

    private static void digits(char[] text, int offset, int value, int width) {
        int remaining = value;
        for (int i = offset + width - 1; i >= offset; i--) {
            text[i] = (char) ('0' + remaining % 10);
            remaining /= 10;
        }
    }

    /**
     * Parses ISO-8601 UTC text as written by {@link #formatFiletime}, or any text {@link
     * Instant#parse} accepts. Returns null when the text is not a time.
     */
    static Instant parseInstant(String text) {
        if (text.length() == ISO_LENGTH && text.charAt(10) == 'T' && text.charAt(27) == 'Z') {
            try {
                int year = number(text, 0, 4);
                int month = number(text, 5, 2);
                int day = number(text, 8, 2);
                int hour = number(text, 11, 2);
                int minute = number(text, 14, 2);
                int second = number(text, 17, 2);
                int ticks = number(text, 20, 7);
                if (month >= 1
                        && month <= 12
                        && day >= 1
                        && day <= 31
                        && hour < 24
                        && minute < 60
                        && second < 60) {
                    long days = LocalDate.of(year, month, day).toEpochDay();
                    long seconds = days * 86_400L + hour * 3600L + minute * 60L + second;
                    return Instant.ofEpochSecond(seconds, ticks * 100L);
                }
            } catch (NumberFormatException | java.time.DateTimeException e) {
                return null;
            }
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static int number(String text, int offset, int width) {
        int value = 0;
        for (int i = offset; i < offset + width; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                throw new NumberFormatException(text);
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
