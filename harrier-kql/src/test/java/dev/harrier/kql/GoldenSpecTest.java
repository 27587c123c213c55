package dev.harrier.kql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.harrier.core.engine.FilterApplier;
import dev.harrier.core.load.RuleLoader;
import dev.harrier.core.rule.SigmaRule;
import dev.harrier.core.rule.SigmaRuleException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Checks every case of {@code golden.spec} against the converter, and every query the cases emit
 * against the Kusto language service. With the environment variable {@code HARRIER_KQL_GOLDEN_WRITE=FILE} the test writes
 * the actual output of every target for every case to FILE instead, for review.
 */
class GoldenSpecTest {
    private static final String RESOURCE = "golden.spec";
    private static final Map<String, KqlConverter> CONVERTERS = new LinkedHashMap<>();

    static {
        for (String name : KqlTarget.BUNDLED) {
            CONVERTERS.put(name, KqlConverter.forTarget(name));
        }
    }

    static List<GoldenSpec.Case> cases() throws IOException {
        try (InputStream in = GoldenSpecTest.class.getResourceAsStream(RESOURCE)) {
            return GoldenSpec.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    /**
     * Loads a case: one rule, or rules with one correlation over them, or one rule with filters
     * (applied as the engine applies them).
     */
    static RuleLoader.LoadResult load(GoldenSpec.Case c) {
        RuleLoader.LoadResult result = new RuleLoader().loadText(c.name(), c.rule());
        boolean single = result.correlations().isEmpty() ? result.rules().size() == 1
                : result.correlations().size() == 1;
        if (!result.errors().isEmpty() || !single) {
            throw new IllegalStateException(
                    "golden case '" + c.name() + "' does not load: " + result.problems());
        }
        return result;
    }

    /** Returns the converter's output, or {@code error: } and the failure message. */
    static String actual(String target, RuleLoader.LoadResult loaded) {
        try {
            return convert(target, loaded).text();
        } catch (SigmaRuleException e) {
            return "error: " + e.getMessage();
        }
    }

    static KqlQuery convert(String target, RuleLoader.LoadResult loaded) {
        KqlConverter converter = CONVERTERS.get(target);
        if (!loaded.correlations().isEmpty()) {
            return converter.convertCorrelation(loaded.correlations().get(0), loaded.rules());
        }
        List<SigmaRule> rules = FilterApplier.apply(loaded.rules(), loaded.filters());
        return converter.convert(rules.get(0));
    }

    @TestFactory
    Stream<DynamicTest> goldenCases() throws IOException {
        List<GoldenSpec.Case> cases = cases();
        String write = System.getenv("HARRIER_KQL_GOLDEN_WRITE");
        if (write != null) {
            writeActual(Path.of(write), cases);
            return Stream.empty();
        }
        List<DynamicTest> tests = new ArrayList<>();
        for (GoldenSpec.Case c : cases) {
            for (Map.Entry<String, String> entry : c.expected().entrySet()) {
                String target = entry.getKey();
                tests.add(DynamicTest.dynamicTest(c.name() + " [" + target + "]", () -> {
                    assertTrue(CONVERTERS.containsKey(target), "unknown target " + target);
                    String expected = entry.getValue();
                    String output = actual(target, load(c));
                    if (expected.startsWith("error: ")) {
                        assertTrue(output.startsWith("error: ")
                                        && output.contains(expected.substring(7)),
                                "expected failure containing '" + expected.substring(7)
                                        + "' but got:\n" + output);
                    } else {
                        assertEquals(expected, output);
                    }
                }));
            }
        }
        return tests.stream();
    }

    @Test
    void specHasEnoughCases() throws IOException {
        assertTrue(cases().size() >= 150, "golden.spec has " + cases().size() + " cases");
    }

    @Test
    void emittedQueriesPassKustoAnalyzer() throws IOException {
        KustoAnalyzer.assumeAvailable();
        List<KustoAnalyzer.Query> queries = new ArrayList<>();
        for (GoldenSpec.Case c : cases()) {
            RuleLoader.LoadResult rule = load(c);
            for (String target : KqlTarget.BUNDLED) {
                String output = actual(target, rule);
                if (!output.startsWith("error: ")) {
                    queries.add(new KustoAnalyzer.Query(
                            c.name() + " [" + target + "]", output, "kql".equals(target)));
                }
            }
        }
        Map<String, List<KustoAnalyzer.Problem>> errors = KustoAnalyzer.errors(queries);
        if (!errors.isEmpty()) {
            StringBuilder report = new StringBuilder();
            errors.forEach((id, problems) -> report.append(id).append(": ").append(problems)
                    .append('\n'));
            fail(errors.size() + " of " + queries.size() + " queries have errors:\n" + report);
        }
    }

    private static void writeActual(Path file, List<GoldenSpec.Case> cases) throws IOException {
        List<GoldenSpec.Case> actual = new ArrayList<>();
        for (GoldenSpec.Case c : cases) {
            Map<String, String> outputs = new LinkedHashMap<>();
            RuleLoader.LoadResult rule;
            try {
                rule = load(c);
            } catch (IllegalStateException e) {
                outputs.put("load", e.getMessage());
                actual.add(new GoldenSpec.Case(c.name(), c.rule(), outputs));
                continue;
            }
            for (String target : KqlTarget.BUNDLED) {
                outputs.put(target, actual(target, rule));
            }
            actual.add(new GoldenSpec.Case(c.name(), c.rule(), outputs));
        }
        Files.writeString(file, GoldenSpec.format("", actual));
    }
}
