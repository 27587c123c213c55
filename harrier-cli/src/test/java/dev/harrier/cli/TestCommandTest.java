package dev.harrier.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestCommandTest {
    static Path root;

    @BeforeAll
    static void locateRepository() {
        root = CliTests.repositoryRoot();
    }

    @Test
    void sigmaRegressionTestsAllPass() {
        Path regression = CliTests.shared("data/sigma/regression_data");
        CliTests.Run run = CliTests.run("test", regression.toString());
        assertThat(run.output()).doesNotContain("FAIL ");
        // 202 tests, each on its EVTX file and on its JSON twin.
        assertThat(run.output()).contains("404 passed, 0 failed");
        assertThat(run.status()).isZero();
    }

    @Test
    void caseBankFixturesAllPass() {
        Path cases = CliTests.shared("conformance/cases");
        CliTests.Run run = CliTests.run("test", cases.toString());
        assertThat(run.output()).doesNotContain("FAIL ").contains(" 0 failed");
        assertThat(run.status()).isZero();
    }

    @Test
    void invalidVerdictFails(@TempDir Path dir) throws IOException {
        Path fixture = dir.resolve("typo");
        Files.createDirectories(fixture);
        Files.writeString(fixture.resolve("rule.yml"), """
                title: t
                logsource: {product: windows}
                detection:
                    s: {Image|endswith: '.exe'}
                    condition: s
                """);
        Files.writeString(fixture.resolve("event.json"), "{\"Image\": \"a.dll\"}\n");
        Files.writeString(fixture.resolve("expected.txt"), "nomatch\n");
        CliTests.Run run = CliTests.run("test", dir.toString());
        assertThat(run.output()).contains("invalid verdict in expected.txt: 'nomatch'");
        assertThat(run.status()).isEqualTo(1);
    }

    @Test
    void noTestsFoundFails(@TempDir Path dir) {
        CliTests.Run run = CliTests.run("test", dir.toString());
        assertThat(run.output()).contains("no tests found");
        assertThat(run.status()).isEqualTo(1);
    }

    @Test
    void failingFixtureIsReported(@TempDir Path dir) throws IOException {
        Path fixture = dir.resolve("wrong");
        Files.createDirectories(fixture);
        Files.writeString(fixture.resolve("rule.yml"), """
                title: t
                logsource: {product: windows}
                detection:
                    s: {Image|endswith: '.exe'}
                    condition: s
                """);
        Files.writeString(fixture.resolve("event.json"), "{\"Image\": \"a.exe\"}\n{\"Image\": \"a.dll\"}\n");
        Files.writeString(fixture.resolve("expected.txt"), "match\nmatch\n");
        CliTests.Run run = CliTests.run("test", dir.toString());
        assertThat(run.output()).contains("FAIL").contains("event 2: expected match, got no-match")
                .contains("0 passed, 1 failed");
        assertThat(run.status()).isEqualTo(1);
    }
}
