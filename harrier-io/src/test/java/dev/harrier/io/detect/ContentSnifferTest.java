package dev.harrier.io.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.harrier.io.testing.SharedData;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

class ContentSnifferTest {
    @TempDir Path temp;

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "fixtures/psexec-key/ntfs/MFT.bin, MFT",
        "fixtures/psexec-key/ntfs/UsnJrnl-J.bin, USN_JOURNAL",
        "data/ntfs/dfir_ntfs/test_data/usnjrnlj.bin, USN_JOURNAL",
        "data/ntfs/go-ntfs/tests/usn/sample.bin, USN_JOURNAL",
        "data/ntfs/dfir_ntfs/test_data/usn_1170955904.bin, USN_JOURNAL",
        "data/ntfs/dfir_ntfs/test_data/4k-large.mft, MFT",
        "fixtures/psexec-key/csv/asim-imfileevent.csv, CSV",
        "fixtures/psexec-key/csv/defender-devicefileevents.csv, CSV",
        "fixtures/psexec-key/json/sysmon-otrf-flat.jsonl, JSON",
        "fixtures/psexec-key/evtx/sysmon11-psexec-session.evtx, EVTX",
        "data/ntfs/dfir_ntfs/test_data/usnjrnlj.fsutil.txt, UNKNOWN",
    })
    void sharedSamplesAreRecognised(String relative, InputFormat expected) throws IOException {
        Path file = SharedData.require(relative);

        assertThat(ContentSniffer.detect(file)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "wevtutil | <Event xmlns='x'><System/></Event> | XML",
                "blank lines first | '\n\n  <Events>' | XML",
                "csv header | 'A,B\n1,2\n' | CSV",
                "json lines | '{\"a\":1}' | JSON",
                "plain text | hello world | UNKNOWN",
            })
    void textHeadsAreRecognised(String name, String text, InputFormat expected) throws IOException {
        Path file = Files.writeString(temp.resolve("input"), text, StandardCharsets.UTF_8);

        assertThat(ContentSniffer.detect(file)).isEqualTo(expected);
    }
}
