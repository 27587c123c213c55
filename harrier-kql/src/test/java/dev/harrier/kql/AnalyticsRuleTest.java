package dev.harrier.kql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.harrier.core.load.RuleLoader;
import dev.harrier.core.rule.SigmaLevel;
import dev.harrier.core.rule.SigmaRule;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Checks the analytics-rule YAML against the field rules of the Azure-Sentinel repository's
 * detection template validation: required fields, their types, enumerations and limits.
 */
class AnalyticsRuleTest {
    private static final String FLAGSHIP = String.join("\n",
            "title: PSEXEC Remote Execution File Artefact",
            "id: 304afd73-55a5-4bb9-8c21-0b1fc84ea9e4",
            "status: test",
            "description: Detects creation of the PSEXEC key file.",
            "references:",
            "    - https://aboutdfir.com/the-key-to-identify-psexec/",
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
    private static final Set<String> TACTICS = Set.of("InitialAccess", "Execution",
            "Persistence", "PrivilegeEscalation", "DefenseEvasion", "CredentialAccess",
            "Discovery", "LateralMovement", "Collection", "Exfiltration", "CommandAndControl",
            "Impact", "Reconnaissance", "ResourceDevelopment", "ImpairProcessControl",
            "InhibitResponseFunction");
    private static final Pattern GUID = Pattern.compile(
            "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Pattern TECHNIQUE = Pattern.compile("T\\d{4}(\\.\\d{3})?");
    private static final Pattern DURATION = Pattern.compile("(\\d+)([mhd])");

    private static Map<?, ?> analyticsYaml(String target) {
        SigmaRule rule = new RuleLoader().loadText("flagship.yml", FLAGSHIP).rules().get(0);
        KqlConverter converter = KqlConverter.forTarget(target);
        String yaml = RuleDocuments.yaml(AnalyticsRule.of(converter.convert(rule),
                converter.target()));
        return new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
    }

    private static long minutes(Object duration) {
        var matcher = DURATION.matcher(String.valueOf(duration));
        assertTrue(matcher.matches(), "invalid duration " + duration);
        long amount = Long.parseLong(matcher.group(1));
        switch (matcher.group(2)) {
            case "m":
                return amount;
            case "h":
                return amount * 60;
            default:
                return amount * 1440;
        }
    }

    @Test
    void flagshipYamlPassesTemplateRules() {
        for (String target : List.of("sentinel-asim", "defender-xdr", "sentinel-sysmon")) {
            Map<?, ?> rule = analyticsYaml(target);
            assertTrue(GUID.matcher(String.valueOf(rule.get("id"))).matches(), target + " id");
            assertEquals("Scheduled", rule.get("kind"), target);
            String name = String.valueOf(rule.get("name"));
            assertFalse(name.isEmpty(), target + " name is empty");
            assertTrue(name.length() <= 256, target + " name is longer than 256");
            String description = String.valueOf(rule.get("description"));
            assertFalse(description.isEmpty(), target + " description is empty");
            assertTrue(description.length() <= 5000, target + " description is too long");
            assertEquals("High", rule.get("severity"), target);
            assertTrue(rule.get("requiredDataConnectors") instanceof List, target);
            long frequency = minutes(rule.get("queryFrequency"));
            long period = minutes(rule.get("queryPeriod"));
            assertTrue(frequency >= 5, target + " queryFrequency below 5m");
            assertTrue(period <= 14 * 1440, target + " queryPeriod above 14d");
            assertTrue(period >= frequency, target + " queryPeriod below queryFrequency");
            assertEquals("gt", rule.get("triggerOperator"), target);
            assertEquals(0, rule.get("triggerThreshold"), target);
            String query = String.valueOf(rule.get("query"));
            assertFalse(query.isEmpty(), target + " query is empty");
            assertTrue(query.length() <= 10_000, target + " query is longer than 10000");
            assertTrue(String.valueOf(rule.get("version")).length() <= 20, target + " version");
        }
    }

    @Test
    void flagshipTacticsAndTechniques() {
        Map<?, ?> rule = analyticsYaml("sentinel-asim");
        assertEquals(List.of("LateralMovement", "PrivilegeEscalation", "Execution", "Persistence"),
                rule.get("tactics"));
        assertEquals(List.of("T1136.002", "T1543.003", "T1570"), rule.get("relevantTechniques"));
        for (Object tactic : (List<?>) rule.get("tactics")) {
            assertTrue(TACTICS.contains(tactic), "unknown tactic " + tactic);
        }
        for (Object technique : (List<?>) rule.get("relevantTechniques")) {
            assertTrue(TECHNIQUE.matcher(String.valueOf(technique)).matches(),
                    "invalid technique " + technique);
        }
    }

    @Test
    void entityMappingsWithinLimits() {
        for (String target : List.of("sentinel-asim", "defender-xdr", "sentinel-sysmon")) {
            List<?> mappings = (List<?>) analyticsYaml(target).get("entityMappings");
            assertFalse(mappings.isEmpty(), target + " has no entity mappings");
            assertTrue(mappings.size() <= 5, target + " has more than 5 entity mappings");
            for (Object item : mappings) {
                List<?> fields = (List<?>) ((Map<?, ?>) item).get("fieldMappings");
                assertFalse(fields.isEmpty(), target + " mapping without fields");
                assertTrue(fields.size() <= 3, target + " mapping with more than 3 fields");
            }
        }
    }

    @Test
    void asimEntitiesNameSchemaColumns() {
        List<?> mappings = (List<?>) analyticsYaml("sentinel-asim").get("entityMappings");
        assertEquals(List.of(
                Map.of("entityType", "Account", "fieldMappings",
                        List.of(Map.of("identifier", "FullName", "columnName", "ActorUsername"))),
                Map.of("entityType", "File", "fieldMappings",
                        List.of(Map.of("identifier", "Name", "columnName", "TargetFileName"))),
                Map.of("entityType", "Host", "fieldMappings",
                        List.of(Map.of("identifier", "HostName", "columnName", "DvcHostname")))),
                mappings);
    }

    @Test
    void connectorsNameTables() {
        assertEquals(List.of(Map.of("connectorId", "MicrosoftThreatProtection",
                        "dataTypes", List.of("DeviceFileEvents"))),
                analyticsYaml("defender-xdr").get("requiredDataConnectors"));
        assertEquals(List.of(), analyticsYaml("sentinel-asim").get("requiredDataConnectors"));
    }

    @Test
    void severityMapsCriticalToHigh() {
        assertEquals("High", AnalyticsRule.severity(SigmaLevel.CRITICAL));
        assertEquals("Informational", AnalyticsRule.severity(SigmaLevel.INFORMATIONAL));
        assertEquals("Low", AnalyticsRule.severity(SigmaLevel.LOW));
        assertEquals("Medium", AnalyticsRule.severity(null));
    }

    @Test
    void tacticsIgnoreUnknownTags() {
        assertEquals(List.of("CommandAndControl"),
                AnalyticsRule.tactics(List.of("attack.command-and-control", "attack.g0016",
                        "car.2016-04-005", "attack.t1059")));
        assertFalse(AnalyticsRule.techniques(List.of("attack.s0029")).contains("S0029"));
    }

    @Test
    void armDurationsAreIso() {
        assertEquals("PT1H", RuleDocuments.isoDuration("1h"));
        assertEquals("PT5M", RuleDocuments.isoDuration("5m"));
        assertEquals("P2D", RuleDocuments.isoDuration("2d"));
    }

    @Test
    void correlationPeriodCoversTimespan() {
        String text = FLAGSHIP.replace("status: test", "name: psexec_key\nstatus: test")
                + "---\n" + String.join("\n",
                        "title: PSEXEC key files on many hosts",
                        "id: 6d1f6f0e-3c1b-4f53-9a0e-0f4f8f3a2b11",
                        "correlation:",
                        "    type: value_count",
                        "    rules:",
                        "        - psexec_key",
                        "    timespan: 1d",
                        "    condition:",
                        "        field: Computer",
                        "        gte: 10",
                        "level: high",
                        "");
        RuleLoader.LoadResult loaded = new RuleLoader().loadText("correlation.yml", text);
        KqlConverter converter = KqlConverter.forTarget("defender-xdr");
        KqlQuery query = converter.convertCorrelation(loaded.correlations().get(0), loaded.rules());
        AnalyticsRule rule = AnalyticsRule.of(query, converter.target());
        assertEquals("1d", rule.fields().get("queryPeriod"));
        assertEquals("1h", rule.fields().get("queryFrequency"));
        assertFalse(rule.fields().containsKey("entityMappings"),
                "a summarized correlation keeps no entity columns");
    }
}
