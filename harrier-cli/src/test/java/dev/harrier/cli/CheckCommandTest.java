package dev.harrier.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckCommandTest {
    static Path root;

    @BeforeAll
    static void locateRepository() {
        root = CliTests.repositoryRoot();
    }

    static CliTests.Run check(String... paths) {
        String[] args = new String[paths.length + 1];
        args[0] = "check";
        System.arraycopy(paths, 0, args, 1, paths.length);
        return CliTests.run(args);
    }

    @Test
    void bundledRulesRejectOnlyUnresolvedPlaceholders() {
        CliTests.Run run = check();
        long errors = run.output().lines().filter(line -> line.matches(".*:\\d+:\\d+: .*")
                && !line.contains(": warning: ")).count();
        long placeholders = run.output().lines()
                .filter(line -> line.contains("unresolved placeholder")).count();
        assertThat(errors).isEqualTo(placeholders);
        assertThat(run.output()).contains(" rejected; " + errors + " errors");
    }

    @Test
    void reportsReferenceDuplicateAndFilterProblems(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("rules.yml"), """
                title: one
                id: 11111111-1111-4111-8111-111111111111
                name: one
                logsource: {product: windows, category: process_creation}
                detection:
                    selection: {Image|endswith: '\\\\cmd.exe'}
                    condition: selection
                ---
                title: copy of one
                id: 11111111-1111-4111-8111-111111111111
                logsource: {product: windows, category: process_creation}
                detection:
                    selection: {NoSuchField: x}
                    condition: selection
                ---
                title: burst
                correlation:
                    type: event_count
                    rules: [one, missing_rule]
                    group-by: [Computer]
                    timespan: 5m
                    condition: {gte: 3}
                ---
                title: restricting filter
                logsource: {product: windows, category: process_creation}
                filter:
                    rules: [one]
                    selection: {User: admin}
                    condition: selection
                """);
        CliTests.Run run = check(dir.toString());
        assertThat(run.status()).isEqualTo(1);
        assertThat(run.output())
                .contains("rules.yml:9:1: duplicate id; first used at")
                .contains("correlation references a rule that is not loaded [missing_rule]")
                .contains("warning: filter condition has no 'not'")
                .contains("warning: field is not one the log source")
                .contains("[NoSuchField]");
    }

    @Test
    void cleanRuleExitsZero(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("ok.yml"), """
                title: ok
                logsource: {product: windows, category: process_creation}
                detection:
                    selection: {Image|endswith: '\\\\cmd.exe'}
                    condition: selection
                """);
        CliTests.Run run = check(dir.toString());
        assertThat(run.status()).isZero();
        assertThat(run.output()).contains("0 errors, 0 warnings");
    }
}
