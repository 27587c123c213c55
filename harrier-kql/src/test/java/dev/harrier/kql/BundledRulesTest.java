package dev.harrier.kql;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.harrier.core.load.RuleLoader;
import dev.harrier.core.rule.SigmaRule;
import dev.harrier.core.rule.SigmaRuleException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Converts every bundled SigmaHQ Windows rule to every target. Each rule must convert or fail
 * with a stated reason, and every converted query must pass the Kusto language service with the
 * table schemas declared. The test prints the counts per target.
 */
class BundledRulesTest {
    private static final Path WINDOWS_RULES = Path.of(
            System.getProperty("harrier.repo.root", "."), "rules", "sigma", "rules", "windows");

    @Test
    void everyWindowsRuleConvertsOrStatesReason() throws IOException {
        assumeTrue(Files.isDirectory(WINDOWS_RULES), "bundled rules not found at " + WINDOWS_RULES);
        RuleLoader.LoadResult loaded = new RuleLoader().load(List.of(WINDOWS_RULES));
        List<SigmaRule> rules = loaded.rules();
        assertTrue(rules.size() > 1000, "only " + rules.size() + " Windows rules loaded");

        List<KustoAnalyzer.Query> queries = new ArrayList<>();
        StringBuilder report = new StringBuilder("Bundled Windows rules: " + rules.size()
                + " loaded, " + loaded.errors().size() + " load errors\n");
        for (String name : KqlTarget.BUNDLED) {
            KqlConverter converter = KqlConverter.forTarget(name);
            int converted = 0;
            Map<String, Integer> reasons = new TreeMap<>();
            Map<String, Integer> fields = new TreeMap<>();
            for (SigmaRule rule : rules) {
                try {
                    KqlQuery query = converter.convert(rule);
                    converted++;
                    queries.add(new KustoAnalyzer.Query(name + " " + rule.location().file(),
                            query.text(), query.tables().isEmpty()));
                } catch (SigmaRuleException e) {
                    assertTrue(e.getMessage() != null, "failure without a reason: " + e);
                    assertTrue(!e.getMessage().isBlank(), "failure with a blank reason: " + e);
                    assertTrue(e.location() != null, "failure without a location: " + e);
                    reasons.merge(reasonKind(e.getMessage()), 1, Integer::sum);
                    if (e.getMessage().startsWith("field ") && e.value() != null) {
                        fields.merge(e.value(), 1, Integer::sum);
                    }
                }
            }
            report.append(String.format("  %-17s converted %4d, failed %4d %s%n", name, converted,
                    rules.size() - converted, reasons));
            if (!fields.isEmpty()) {
                report.append("    fields without column, most frequent: ")
                        .append(mostFrequent(fields, 8)).append('\n');
            }
        }
        System.out.print(report);

        KustoAnalyzer.assumeAvailable();
        Map<String, List<KustoAnalyzer.Problem>> errors = KustoAnalyzer.errors(queries);
        System.out.println("  Kusto analyzer: " + queries.size() + " queries, " + errors.size()
                + " with errors");
        if (!errors.isEmpty()) {
            StringBuilder details = new StringBuilder();
            errors.entrySet().stream().limit(30).forEach(entry -> details.append(entry.getKey())
                    .append(": ").append(entry.getValue()).append('\n'));
            fail(errors.size() + " of " + queries.size() + " queries have errors:\n" + details);
        }
    }

    @Test
    void everyBundledRuleAndCorrelationConvertsOrFails() {
        Path all = WINDOWS_RULES.getParent().getParent();
        assumeTrue(Files.isDirectory(all), "bundled rules not found at " + all);
        RuleLoader.LoadResult loaded = new RuleLoader().load(List.of(all));
        for (String name : KqlTarget.BUNDLED) {
            KqlConverter converter = KqlConverter.forTarget(name);
            for (SigmaRule rule : loaded.rules()) {
                try {
                    converter.convert(rule);
                } catch (SigmaRuleException e) {
                    assertTrue(e.location() != null, "failure without a location: " + e);
                }
            }
            for (var correlation : loaded.correlations()) {
                try {
                    converter.convertCorrelation(correlation, loaded.rules());
                } catch (SigmaRuleException e) {
                    assertTrue(e.location() != null, "failure without a location: " + e);
                }
            }
        }
    }

    private static String mostFrequent(Map<String, Integer> counts, int limit) {
        List<Map.Entry<String, Integer>> entries = new ArrayList<>(counts.entrySet());
        entries.sort(Map.Entry.<String, Integer>comparingByValue().reversed());
        return entries.subList(0, Math.min(limit, entries.size())).toString();
    }

    /** Groups failure messages by their kind, without the rule-specific names. */
    private static String reasonKind(String message) {
        if (message.startsWith("target ")) {
            return "no table for log source";
        }
        if (message.startsWith("field ")) {
            return "field without column";
        }
        if (message.startsWith("column ")) {
            return "path test on file-name column";
        }
        return message.length() > 40 ? message.substring(0, 40) : message;
    }
}
