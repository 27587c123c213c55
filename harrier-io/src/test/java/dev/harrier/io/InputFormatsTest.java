package dev.harrier.io;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;

class InputFormatsTest {
    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            useHeadersInDisplayName = true,
            textBlock =
                    """
                    name                      | hex                          | file name | format
                    zip local header          | 504b0304140000000800         | a.bin     | ZIP
                    empty zip                 | 504b0506000000000000         | a.zip     | ZIP
                    gzip                      | 1f8b0800000000000003         | a.json    | GZIP
                    evtx                      | 456c6646696c650000000000     | a.json    | EVTX
                    mft FILE0                 | 46494c453000030000000000     | a.json    | MFT
                    mft FILE star             | 46494c452a00030000000000     | a         | MFT
                    usn v2 header             | 500000000200000000000000     | a.csv     | USN
                    usn v4 header             | 600000000400000000000000     | a         | USN
                    zero head                 | 0000000000000000000000000000 | a.json    | USN
                    record length not aligned | 520000000200000000000000     | a         | UNKNOWN
                    usn minor version 1       | 500000000200010000000000     | a         | UNKNOWN
                    usn major version 5       | 500000000500000000000000     | a         | UNKNOWN
                    binary junk               | 0102030405060708090a0b0c     | a.evtx    | UNKNOWN
                    empty                     | ''                           | a.json    | UNKNOWN
                    short zero head           | 000000                       | a         | UNKNOWN
                    """)
    void detectsBinary(String name, String hex, String fileName, InputFormat expected) {
        byte[] head = HexFormat.of().parseHex(hex);

        assertThat(InputFormats.detect(head, fileName)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            useHeadersInDisplayName = true,
            textBlock =
                    """
                    name           | text                            | file name | format
                    json lines     | '{"a":1}\\n{"a":2}'             | a.log     | JSON
                    json array     | '  \\n [ {"a":1} ]'             | a.txt     | JSON
                    pretty objects | '{\\n  "a": 1\\n}\\n{\\n}'      | a         | JSON
                    xml            | '<?xml version="1.0"?><Events>' | a.json    | XML
                    csv header     | 'Timestamp,DeviceName\\n1,2'    | a.txt     | CSV
                    csv by name    | 'Timestamp\\n2021-01-01'        | a.CSV     | CSV
                    one word       | 'hello\\nworld'                 | a.txt     | UNKNOWN
                    blank          | '   \\n  '                      | a.json    | UNKNOWN
                    """)
    void detectsText(String name, String text, String fileName, InputFormat expected) {
        byte[] head = text.replace("\\n", "\n").getBytes(StandardCharsets.UTF_8);

        assertThat(InputFormats.detect(head, fileName)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"UTF-8, JSON", "UTF-16LE, JSON", "UTF-16BE, JSON"})
    void detectsJsonAfterByteOrderMark(String charset, InputFormat expected) {
        byte[] head = "\uFEFF[{\"a\":1}]".getBytes(java.nio.charset.Charset.forName(charset));

        assertThat(InputFormats.detect(head, "export.txt")).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({
        "fixtures/psexec-key/json/sysmon-evtx_dump.jsonl, JSON",
        "fixtures/psexec-key/json/defender-devicefileevents.jsonl, JSON",
        "fixtures/psexec-key/csv/asim-imfileevent.csv, CSV",
        "fixtures/psexec-key/csv/defender-devicefileevents.csv, CSV",
        "fixtures/psexec-key/evtx/sysmon11-psexec-session.evtx, EVTX",
        "fixtures/psexec-key/ntfs/MFT.bin, MFT",
        "fixtures/psexec-key/ntfs/UsnJrnl-J.bin, USN",
        "data/ntfs/plaso/test_data/UsnJrnl.raw, USN",
        "data/ntfs/dfir_ntfs/test_data/usnjrnlj.bin, USN",
        "data/ntfs/dfir_ntfs/test_data/usn_1170955904.bin, USN",
        "data/ntfs/go-ntfs/tests/usn/sample.bin, USN",
        "data/ntfs/libfusn/tests/data/record.1, USN",
        "data/ntfs/dfir_ntfs/test_data/orphan.mft, MFT",
        "data/ntfs/USN-Journal-Parser/tests/usnjrnl.zip, ZIP",
    })
    void detectsSharedSamples(String relative, InputFormat expected) throws IOException {
        Path file = SharedData.require(relative);
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(InputFormats.HEAD_BYTES);
        }

        assertThat(InputFormats.detect(head, file.getFileName().toString())).isEqualTo(expected);
    }
}
