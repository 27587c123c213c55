package dev.harrier.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class TestCommandTest {
    static Path root;

    @BeforeAll
    static void locateRepository() {
        String property = System.getProperty("harrier.repo.root");
        root = Path.of(property != null ? property : "..").toAbsolutePath().normalize();
        System.setProperty(CliSupport.HOME_PROPERTY, root.toString());
    }

    static Path shared(String relative) {
        Path path = root.resolve("../shared").resolve(relative).normalize();
        assumeTrue(Files.exists(path), "shared test data not found, skipping: " + path);
        return path;
    }

    record Run(int status, String output) {}

    static Run run(String... args) {
        StringWriter text = new StringWriter();
        CommandLine command = new CommandLine(new HarrierCommand());
        command.setOut(new PrintWriter(text));
        int status = command.execute(args);
        return new Run(status, text.toString());
    }

    @Test
    void sigmaRegressionTestsAllPass() {
        Path regression = shared("data/sigma/regression_data");
        Run run = run("test", regression.toString());
        assertThat(run.output()).doesNotContain("FAIL ");
        // 202 tests, each on its EVTX file and on its JSON twin.
        assertThat(run.output()).contains("404 passed, 0 failed");
        assertThat(run.status()).isZero();
    }

    @Test
    void caseBankFixturesAllPass() {
        Path cases = shared("conformance/cases");
        Run run = run("test", cases.toString());
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
        Run run = run("test", dir.toString());
        assertThat(run.output()).contains("invalid verdict in expected.txt: 'nomatch'");
        assertThat(run.status()).isEqualTo(1);
    }

    @Test
    void noTestsFoundFails(@TempDir Path dir) {
        Run run = run("test", dir.toString());
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
        Run run = run("test", dir.toString());
        assertThat(run.output()).contains("FAIL").contains("event 2: expected match, got no-match")
                .contains("0 passed, 1 failed");
        assertThat(run.status()).isEqualTo(1);
    }
}
