package dev.harrier.io.ntfs;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Conversions of Windows FILETIME values (100-nanosecond intervals since 1601-01-01 UTC). */
public final class Filetime {
    private static final long INTERVALS_FROM_1601_TO_1970 = 116_444_736_000_000_000L;
    private static final long INTERVALS_PER_SECOND = 10_000_000L;

    /** ISO-8601 UTC with the seven fraction digits that FILETIME can carry, as Windows prints. */
    private static final DateTimeFormatter ISO_UTC =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSS'Z'")
                    .withZone(ZoneOffset.UTC);

    private Filetime() {}

    /** Returns the instant of a FILETIME, or null for 0 (a timestamp that was never set). */
    public static Instant toInstant(long filetime) {
        if (filetime == 0) {
            return null;
        }
        long sinceEpoch = filetime - INTERVALS_FROM_1601_TO_1970;
        long seconds = Math.floorDiv(sinceEpoch, INTERVALS_PER_SECOND);
        long nanos = Math.floorMod(sinceEpoch, INTERVALS_PER_SECOND) * 100;
        return Instant.ofEpochSecond(seconds, nanos);
    }

    /** Formats an instant as {@code 2019-01-22T21:36:10.9243610Z}, or returns null for null. */
    public static String format(Instant instant) {
        return instant == null ? null : ISO_UTC.format(instant);
    }
}
