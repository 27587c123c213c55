package dev.harrier.kql;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The golden conversion cases: plain text with one block per case.
 *
 * <pre>
 * === case name
 * --- rule
 * (the whole Sigma rule)
 * --- sentinel-asim
 * (the exact expected KQL, or "error: " and a text the failure message contains)
 * </pre>
 *
 * Lines starting with {@code #} before the first case are comments.
 */
final class GoldenSpec {
    /** One case: its name, rule text and expected output per target. */
    record Case(String name, String rule, Map<String, String> expected) {}

    private GoldenSpec() {}

    static List<Case> parse(String text) {
        List<Case> cases = new ArrayList<>();
        String name = null;
        String section = null;
        StringBuilder body = new StringBuilder();
        Map<String, String> sections = new LinkedHashMap<>();
        for (String line : text.split("\n", -1)) {
            if (line.startsWith("=== ") || line.startsWith("--- ")) {
                if (section != null) {
                    sections.put(section, trimTrailingNewlines(body.toString()));
                }
                body.setLength(0);
                if (line.startsWith("=== ")) {
                    if (name != null) {
                        cases.add(toCase(name, sections));
                    }
                    name = line.substring(4).trim();
                    sections = new LinkedHashMap<>();
                    section = null;
                } else {
                    section = line.substring(4).trim();
                }
            } else if (section != null) {
                body.append(line).append('\n');
            }
        }
        if (section != null) {
            sections.put(section, trimTrailingNewlines(body.toString()));
        }
        if (name != null) {
            cases.add(toCase(name, sections));
        }
        return cases;
    }

    private static Case toCase(String name, Map<String, String> sections) {
        Map<String, String> expected = new LinkedHashMap<>(sections);
        String rule = expected.remove("rule");
        if (rule == null) {
            throw new IllegalArgumentException("golden case '" + name + "' has no rule section");
        }
        return new Case(name, rule + "\n", expected);
    }

    private static String trimTrailingNewlines(String text) {
        int end = text.length();
        while (end > 0 && text.charAt(end - 1) == '\n') {
            end--;
        }
        return text.substring(0, end);
    }

    /** Writes cases back in the same format. */
    static String format(String header, List<Case> cases) {
        StringBuilder out = new StringBuilder(header);
        for (Case c : cases) {
            out.append("=== ").append(c.name()).append('\n');
            out.append("--- rule\n").append(c.rule().stripTrailing()).append('\n');
            for (Map.Entry<String, String> entry : c.expected().entrySet()) {
                out.append("--- ").append(entry.getKey()).append('\n')
                        .append(entry.getValue()).append('\n');
            }
            out.append('\n');
        }
        return out.toString();
    }
}
