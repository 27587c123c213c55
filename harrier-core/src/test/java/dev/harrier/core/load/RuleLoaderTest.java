package dev.harrier.core.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.harrier.core.rule.SigmaLevel;
import dev.harrier.core.rule.SigmaRule;
import dev.harrier.core.testing.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuleLoaderTest {
    private static final String FLAGSHIP = """
            title: PSEXEC Remote Execution File Artefact
            id: 304afd73-55a5-4bb9-8c21-0b1fc84ea9e4
            status: test
            tags:
                - attack.lateral-movement
                - attack.t1021.002
            logsource:
                category: file_event
                product: windows
            detection:
                selection:
                    TargetFilename|startswith: 'C:\\Windows\\PSEXEC-'
                    TargetFilename|endswith: '.key'
                condition: selection
            level: high
            """;

    private final RuleLoader loader = new RuleLoader();

    @Test
    void loadsFlagshipRule() {
        RuleLoader.LoadResult result = loader.loadText("flagship.yml", FLAGSHIP);
        assertThat(result.problems()).isEmpty();
        SigmaRule rule = result.rules().get(0);
        assertThat(rule.id()).isEqualTo("304afd73-55a5-4bb9-8c21-0b1fc84ea9e4");
        assertThat(rule.level()).isEqualTo(SigmaLevel.HIGH);
        assertThat(rule.tags()).containsExactly("attack.lateral-movement", "attack.t1021.002");
        assertThat(rule.logSource().category()).isEqualTo("file_event");
        assertThat(rule.parsedConditions().get(0).dump()).isEqualTo("ref(selection)");
    }

    @Test
    void reportsInvalidYamlWithLocation() {
        RuleLoader.LoadResult result = loader.loadText("bad.yml", "title: x\ndetection: [a\n");
        assertThat(result.rules()).isEmpty();
        assertThat(result.errors()).hasSize(1);
        assertThat(result.errors().get(0).toString()).startsWith("bad.yml:3:").contains("invalid YAML");
    }

    @Test
    void rejectsUnknownModifierWithSuggestion() {
        String text = FLAGSHIP.replace("TargetFilename|endswith", "TargetFilename|endswit");
        RuleLoader.LoadResult result = loader.loadText("rule.yml", text);
        assertThat(result.rules()).isEmpty();
        assertThat(result.rejected()).isEqualTo(1);
        assertThat(result.errors().get(0).toString())
                .isEqualTo("rule.yml:13:9: unknown modifier; did you mean [endswith]? [endswit]");
    }

    @Test
    void rejectsConditionNamingMissingSelection() {
        String text = FLAGSHIP.replace("condition: selection", "condition: selection and not filter");
        RuleLoader.LoadResult result = loader.loadText("rule.yml", text);
        assertThat(result.rules()).isEmpty();
        assertThat(result.errors().get(0).toString())
                .isEqualTo("rule.yml:14:34: condition names an undefined search identifier [filter]");
    }

    @Test
    void rejectsMissingCondition() {
        String text = FLAGSHIP.replace("    condition: selection\n", "");
        RuleLoader.LoadResult result = loader.loadText("rule.yml", text);
        assertThat(result.rules()).isEmpty();
        assertThat(result.errors().get(0).message()).isEqualTo("detection.condition is missing");
    }

    @Test
    void rejectsAliasBomb() {
        StringBuilder text = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (int i = 1; i < 30; i++) {
            text.append("a").append(i).append(": &a").append(i).append(" [");
            for (int j = 0; j < 10; j++) {
                text.append(j == 0 ? "" : ", ").append("*a").append(i - 1);
            }
            text.append("]\n");
        }
        text.append("title: bomb\n");
        long start = System.nanoTime();
        RuleLoader.LoadResult result = loader.loadText("bomb.yml", text.toString());
        assertThat(result.rules()).isEmpty();
        assertThat(result.errors()).isNotEmpty();
        assertThat(result.errors().get(0).message()).containsAnyOf("aliases", "alias bomb");
        assertThat(System.nanoTime() - start).as("nanoseconds").isLessThan(10_000_000_000L);
    }

    @Test
    void rejectsDeeplyNestedDocument() {
        String text = "title: deep\nx: " + "[".repeat(10_000) + "]".repeat(10_000) + "\n";
        RuleLoader.LoadResult result = loader.loadText("deep.yml", text);
        assertThat(result.rules()).isEmpty();
        assertThat(result.errors()).isNotEmpty();
        assertThat(result.errors().get(0).message()).containsIgnoringCase("nest");
    }

    @Test
    void reportsDuplicateKey() {
        String text = FLAGSHIP.replace("TargetFilename|endswith: '.key'",
                "TargetFilename|endswith: '.key'\n        TargetFilename|endswith: '.txt'");
        RuleLoader.LoadResult result = loader.loadText("dup.yml", text);
        assertThat(result.rules()).hasSize(1);
        assertThat(result.problems()).singleElement()
                .satisfies(p -> assertThat(p.toString()).contains("duplicate key"));
    }

    @Test
    void keepsGoingAfterBadDocument(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("a.yml"), FLAGSHIP + "---\ntitle: broken\n---\n"
                + FLAGSHIP.replace("PSEXEC Remote", "Second"));
        Files.writeString(dir.resolve("b.yml"), "title: [unclosed\n");
        Files.write(dir.resolve("c.yml"), new byte[] {(byte) 0xff, (byte) 0xfe, 0x41});
        RuleLoader.LoadResult result = loader.load(List.of(dir, dir.resolve("missing")));
        assertThat(result.rules()).extracting(SigmaRule::title)
                .containsExactly("PSEXEC Remote Execution File Artefact", "Second Execution File Artefact");
        assertThat(result.errors()).extracting(p -> p.location().file())
                .anySatisfy(f -> assertThat(f).endsWith("a.yml"))
                .anySatisfy(f -> assertThat(f).endsWith("b.yml"))
                .anySatisfy(f -> assertThat(f).endsWith("c.yml"))
                .anySatisfy(f -> assertThat(f).endsWith("missing"));
    }

    @Test
    void rejectsWindashWithAll() {
        String text = FLAGSHIP.replace("TargetFilename|endswith: '.key'",
                "CommandLine|windash|contains|all: [' -s ', ' -c ']");
        RuleLoader.LoadResult result = loader.loadText("rule.yml", text);
        assertThat(result.rules()).isEmpty();
        assertThat(result.errors().get(0).message()).contains("'windash' cannot be combined with 'all'");
    }

    @Test
    void rejectsChainEndingInEncoding() {
        String text = FLAGSHIP.replace("TargetFilename|endswith: '.key'", "CommandLine|wide|contains: cmd");
        RuleLoader.LoadResult result = loader.loadText("rule.yml", text);
        assertThat(result.rules()).isEmpty();
        assertThat(result.errors().get(0).message()).contains("must not end with");
    }

    @Test
    void rejectsRegexThatRe2CannotRun() {
        String text = FLAGSHIP.replace("TargetFilename|endswith: '.key'", "CommandLine|re: '(?<=a)b'");
        RuleLoader.LoadResult result = loader.loadText("rule.yml", text);
        assertThat(result.rules()).isEmpty();
        assertThat(result.errors().get(0).toString()).contains("RE2").endsWith("[(?<=a)b]");
    }

    @Test
    void rejectsUnresolvedPlaceholder() {
        String text = FLAGSHIP.replace("TargetFilename|endswith: '.key'", "User|expand: '%Admins%'");
        RuleLoader.LoadResult result = loader.loadText("rule.yml", text);
        assertThat(result.rules()).isEmpty();
        assertThat(result.errors().get(0).toString()).contains("unresolved placeholder")
                .endsWith("[%Admins%]");
    }

    @Test
    void warnsAboutGenerateOnDetectionRule() {
        RuleLoader.LoadResult result = loader.loadText("rule.yml", FLAGSHIP + "generate: true\n");
        assertThat(result.rules()).hasSize(1);
        assertThat(result.problems()).singleElement()
                .satisfies(p -> assertThat(p.toString()).contains("'generate' belongs under"));
    }

    @Test
    void mergesGlobalAction() {
        String text = """
                action: global
                title: shared
                logsource: {product: windows}
                detection:
                    condition: selection
                ---
                detection:
                    selection: {A: x}
                ---
                title: other
                detection:
                    selection: {B: y}
                """;
        RuleLoader.LoadResult result = loader.loadText("global.yml", text);
        assertThat(result.errors()).isEmpty();
        assertThat(result.rules()).extracting(SigmaRule::title).containsExactly("shared", "other");
    }

    @Test
    void loadsAtLeast99PercentOfBundledRules() {
        Path repo = SharedData.repositoryRoot();
        Path rules = repo.resolve("rules/sigma");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(rules), "bundled rules absent");
        RuleLoader.LoadResult result = loader.load(List.of(rules));
        int total = result.rules().size() + result.rejected();
        String rejected = result.errors().stream().map(LoadProblem::toString)
                .collect(Collectors.joining("\n"));
        assertThat(total).isGreaterThan(3000);
        assertThat(result.rules().size() * 100.0 / total).as(rejected).isGreaterThanOrEqualTo(99.0);
    }
}
