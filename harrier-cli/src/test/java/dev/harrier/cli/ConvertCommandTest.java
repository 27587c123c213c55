package dev.harrier.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConvertCommandTest {
    private static final String FLAGSHIP = String.join("\n",
            "title: PSEXEC Remote Execution File Artefact",
            "id: 304afd73-55a5-4bb9-8c21-0b1fc84ea9e4",
            "status: test",
            "description: Detects creation of the PSEXEC key file.",
            "tags:",
            "    - attack.lateral-movement",
            "    - attack.privilege-escalation",
            "    - attack.execution",
            "    - attack.persistence",
            "    - attack.t1136.002",
            "    - attack.t1543.003",
            "    - attack.t1570",
            "    - attack.s0029",
            "logsource:",
            "    category: file_event",
            "    product: windows",
            "detection:",
            "    selection:",
            "        TargetFilename|startswith: 'C:\\Windows\\PSEXEC-'",
            "        TargetFilename|endswith: '.key'",
            "    condition: selection",
            "level: high",
            "");

    @TempDir
    Path dir;

    private Path flagship() throws IOException {
        Path rule = dir.resolve("flagship.yml");
        Files.writeString(rule, FLAGSHIP);
        return rule;
    }

    private String convert(String target, String format) throws IOException {
        Path out = dir.resolve(target + "-" + format);
        int status = HarrierCommand.execute("convert", "--target", target, "--format", format,
                "--output", out.toString(), flagship().toString());
        assertEquals(0, status);
        try (var files = Files.list(out)) {
            List<Path> written = files.toList();
            assertEquals(1, written.size());
            return Files.readString(written.get(0));
        }
    }

    @Test
    void flagshipAsimUsesTargetFilePath() throws IOException {
        String query = convert("sentinel-asim", "query");
        assertTrue(query.contains("TargetFilePath startswith \"C:\\\\Windows\\\\PSEXEC-\""), query);
        assertTrue(query.contains("TargetFilePath endswith \".key\""), query);
    }

    @Test
    void flagshipXdrUsesFolderPath() throws IOException {
        String query = convert("defender-xdr", "query");
        assertTrue(query.contains("FolderPath startswith \"C:\\\\Windows\\\\PSEXEC-\""), query);
        assertTrue(query.contains("ActionType == \"FileCreated\""), query);
    }

    @Test
    void analyticsRuleHasRequiredFields() throws IOException {
        String yaml = convert("sentinel-asim", "analytics-rule");
        for (String field : List.of("id: 304afd73-55a5-4bb9-8c21-0b1fc84ea9e4", "name: ",
                "description: ", "severity: High", "requiredDataConnectors: ",
                "queryFrequency: 1h", "queryPeriod: 1h", "triggerOperator: gt",
                "triggerThreshold: 0", "tactics:", "relevantTechniques:", "query: |",
                "entityMappings:", "version: 1.0.0", "kind: Scheduled")) {
            assertTrue(yaml.contains(field), "missing '" + field + "' in\n" + yaml);
        }
        for (String tactic : List.of("LateralMovement", "PrivilegeEscalation", "Execution",
                "Persistence")) {
            assertTrue(yaml.contains("- " + tactic), "missing tactic " + tactic + "\n" + yaml);
        }
        for (String technique : List.of("T1136.002", "T1543.003", "T1570")) {
            assertTrue(yaml.contains("- " + technique), "missing " + technique + "\n" + yaml);
        }
    }

    @Test
    void armTemplateNamesAlertRule() throws IOException {
        String json = convert("defender-xdr", "arm");
        assertTrue(json.contains("Microsoft.OperationalInsights/workspaces/providers/alertRules"));
        assertTrue(json.contains("\"queryFrequency\" : \"PT1H\""), json);
        assertTrue(json.contains("\"subTechniques\" : [ \"T1136.002\", \"T1543.003\" ]"), json);
    }

    @Test
    void unsupportedRuleFailsUnlessSkipped() throws IOException {
        Path rule = flagship();
        assertEquals(1, HarrierCommand.execute("convert", "--target", "sentinel-security",
                "--output", dir.resolve("a").toString(), rule.toString()));
        assertEquals(0, HarrierCommand.execute("convert", "--target", "sentinel-security",
                "--skip-unsupported", "--output", dir.resolve("b").toString(), rule.toString()));
    }

    @Test
    void correlationBecomesSummarize() throws IOException {
        Path rules = dir.resolve("correlation.yml");
        Files.writeString(rules, FLAGSHIP.replace("status: test", "name: psexec_key\nstatus: test")
                + "---\n" + String.join("\n",
                        "title: Many PSEXEC key files",
                        "id: 0b8a2f0e-7f49-4d5c-9a55-2f6f7d1c0a11",
                        "correlation:",
                        "    type: event_count",
                        "    rules:",
                        "        - psexec_key",
                        "    group-by:",
                        "        - Computer",
                        "    timespan: 10m",
                        "    condition:",
                        "        gte: 3",
                        "level: high",
                        ""));
        Path out = dir.resolve("correlation");
        assertEquals(0, HarrierCommand.execute("convert", "--target", "defender-xdr", "--output",
                out.toString(), rules.toString()));
        try (var files = Files.list(out)) {
            List<Path> written = files.toList();
            assertEquals(1, written.size(), "the referenced rule is not converted on its own");
            String query = Files.readString(written.get(0));
            assertTrue(query.contains("| summarize SigmaCount = count() by bin(TimeGenerated, 10m),"
                    + " Computer"), query);
            assertTrue(query.contains("| where SigmaCount >= 3"), query);
        }
    }

    @Test
    void filterAddsAndNot() throws IOException {
        Path filter = dir.resolve("filter.yml");
        Files.writeString(filter, String.join("\n",
                "title: Skip jump hosts",
                "logsource:",
                "    category: file_event",
                "    product: windows",
                "filter:",
                "    rules:",
                "        - 304afd73-55a5-4bb9-8c21-0b1fc84ea9e4",
                "    selection:",
                "        Computer|startswith: 'JUMP-'",
                "    condition: not selection",
                ""));
        Path out = dir.resolve("filtered");
        assertEquals(0, HarrierCommand.execute("convert", "--target", "sentinel-asim",
                "--filters", filter.toString(), "--output", out.toString(),
                flagship().toString()));
        String query = Files.readString(
                out.resolve("304afd73-55a5-4bb9-8c21-0b1fc84ea9e4.kql"));
        assertTrue(query.contains("TargetFilePath endswith \".key\" and not(DvcHostname startswith"
                + " \"JUMP-\")"), query);
    }
}
