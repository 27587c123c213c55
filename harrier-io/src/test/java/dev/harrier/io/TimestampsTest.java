package dev.harrier.io;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;

class TimestampsTest {
    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            useHeadersInDisplayName = true,
            textBlock =
                    """
                    name                | text                         | expected
                    iso utc             | 2021-12-04T21:19:16.741995Z  | 2021-12-04T21:19:16.741995Z
                    7 fraction digits   | 2021-12-04T21:19:16.7611230Z | 2021-12-04T21:19:16.761123Z
                    offset with colon   | 2021-12-04T23:19:16+02:00    | 2021-12-04T21:19:16Z
                    offset no colon     | 2021-12-04T23:19:16.5+0200   | 2021-12-04T21:19:16.5Z
                    no zone is utc      | 2021-12-04T21:19:16          | 2021-12-04T21:19:16Z
                    space separator     | 2020-10-19 07:30:46.400      | 2020-10-19T07:30:46.400Z
                    utc suffix          | 2020-10-19 07:30:46 UTC      | 2020-10-19T07:30:46Z
                    minutes only        | 2020-10-19T07:30Z            | 2020-10-19T07:30:00Z
                    date only           | 2020-10-19                   | 2020-10-19T00:00:00Z
                    sentinel csv export | '8/27/2020, 11:40:57.208 AM' | 2020-08-27T11:40:57.208Z
                    sentinel csv pm     | '8/27/2020, 1:40:57 PM'      | 2020-08-27T13:40:57Z
                    epoch millis text   | 1603092646400                | 2020-10-19T07:30:46.400Z
                    """)
    void parsesText(String name, String text, String expected) {
        assertThat(Timestamps.parse(text)).isEqualTo(Instant.parse(expected));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            useHeadersInDisplayName = true,
            textBlock =
                    """
                    name          | text
                    words         | yesterday
                    empty         | ''
                    year only     | 2020
                    bad month     | 2020-13-01T00:00:00Z
                    trailing junk | 2020-10-19T07:30:46Z and more
                    """)
    void rejectsText(String name, String text) {
        assertThat(Timestamps.parse(text)).isNull();
    }

    @org.junit.jupiter.api.Test
    void parsesEpochMillisNumbers() {
        assertThat(Timestamps.parse(1603092646400L))
                .isEqualTo(Instant.parse("2020-10-19T07:30:46.400Z"));
        assertThat(Timestamps.parse(1603092646400.7d))
                .isEqualTo(Instant.parse("2020-10-19T07:30:46.400Z"));
        assertThat(Timestamps.parse(null)).isNull();
        assertThat(Timestamps.parse(Boolean.TRUE)).isNull();
    }
}
