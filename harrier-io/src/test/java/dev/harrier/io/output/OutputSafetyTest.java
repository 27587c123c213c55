package dev.harrier.io.output;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OutputSafetyTest {
    @Test
    void printableEscapesControlCharacters() {
        assertThat(Printable.of("ok\u001b[1A\u001b[2Kgone\u0007\u009b")).isEqualTo(
                "ok\\x1b[1A\\x1b[2Kgone\\x07\\x9b");
        assertThat(Printable.of("plain C:\\Windows")).isEqualTo("plain C:\\Windows");
        assertThat(Printable.of("line\nbreak")).isEqualTo("line\\x0abreak");
    }

    @Test
    void csvNeutralisesFormulas() {
        assertThat(CsvMatchWriter.quote("=HYPERLINK(\"x\")")).isEqualTo("\"'=HYPERLINK(\"\"x\"\")\"");
        assertThat(CsvMatchWriter.quote("+1")).isEqualTo("'+1");
        assertThat(CsvMatchWriter.quote("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(CsvMatchWriter.quote("C:\\Windows")).isEqualTo("C:\\Windows");
    }
}
