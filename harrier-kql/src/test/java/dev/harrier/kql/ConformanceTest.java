package dev.harrier.kql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.harrier.core.load.RuleLoader;
import dev.harrier.core.rule.SigmaRule;
import dev.harrier.core.rule.SigmaRuleException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Converts every shared conformance case that has an {@code expected.kql} with the {@code kql}
 * target and compares after normalising whitespace, parentheses and operand order.
 */
class ConformanceTest {
    private static final Path CASES = Path.of(
            System.getProperty("harrier.repo.root", "."), "..", "shared", "conformance", "cases");

    static List<Path> caseFolders() throws IOException {
        assumeTrue(Files.isDirectory(CASES), "conformance cases not found at " + CASES);
        try (Stream<Path> folders = Files.list(CASES)) {
            return folders.filter(folder -> Files.exists(folder.resolve("expected.kql")))
                    .sorted().toList();
        }
    }

    @TestFactory
    Stream<DynamicTest> casesMatchExpectedKql() throws IOException {
        KqlConverter converter = KqlConverter.forTarget("kql");
        List<DynamicTest> tests = new ArrayList<>();
        for (Path folder : caseFolders()) {
            tests.add(DynamicTest.dynamicTest(folder.getFileName().toString(), () -> {
                String expected = Files.readString(folder.resolve("expected.kql")).trim();
                RuleLoader.LoadResult loaded = new RuleLoader()
                        .load(List.of(folder.resolve("rule.yml")));
                String actual;
                try {
                    SigmaRule rule = loaded.rules().get(0);
                    actual = converter.convert(rule).text();
                } catch (SigmaRuleException e) {
                    actual = "error: " + e.getMessage();
                }
                if (expected.startsWith("error:")) {
                    assertTrue(actual.startsWith("error:"), "expected a failure, got " + actual);
                    return;
                }
                assertEquals(comparable(expected), comparable(actual),
                        "expected " + expected + "\nactual   " + actual);
            }));
        }
        return tests.stream();
    }

    /**
     * Normalises a predicate for comparison. {@code ipv6_is_match(ip, "prefix/len")} and {@code
     * ipv6_is_in_range(ip, "prefix/len")} both test that the address lies in the network, so they
     * compare as equal.
     */
    static String comparable(String predicate) {
        return KqlNormalizer.normalize(predicate.replace("ipv6_is_match(", "ipv6_is_in_range("));
    }

    @Test
    void normalizerIgnoresParenthesesAndOrder() {
        assertEquals(comparable("(a == 1 and b == 2) or c == 3"),
                comparable("c == 3 or b == 2 and (a == 1)"));
    }

    @Test
    void normalizerKeepsGrouping() {
        assertTrue(!comparable("(a == 1 or b == 2) and c == 3")
                .equals(comparable("a == 1 or b == 2 and c == 3")));
    }

    @Test
    void normalizerSkipsQuotedKeywords() {
        assertEquals("F contains \" and (x\"", comparable("(F contains \" and (x\")"));
    }
}
