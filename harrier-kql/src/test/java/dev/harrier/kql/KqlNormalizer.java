package dev.harrier.kql;

import java.util.ArrayList;
import java.util.List;

/**
 * Normalises a KQL predicate for comparison: whitespace collapsed, redundant parentheses removed,
 * nested {@code and}/{@code or} flattened and operands of each sorted, as their order does not
 * change the result.
 */
final class KqlNormalizer {
    private KqlNormalizer() {}

    static String normalize(String predicate) {
        // The case bank writes wildcard regexes with (?i) alone; Harrier adds s so that wildcards
        // span line breaks, which does not change the meaning for the bank's one-line values.
        String flags = predicate.replace("matches regex \"(?is)", "matches regex \"(?i)");
        return node(flags.trim().replaceAll("\\s+", " ")).toString();
    }

    private record Node(String kind, List<Node> operands, String text) {
        @Override
        public String toString() {
            if (text != null) {
                return text;
            }
            List<String> parts = new ArrayList<>();
            for (Node operand : operands) {
                parts.add(operand.toString());
            }
            if (!"not".equals(kind)) {
                parts.sort(null);
            }
            return kind + "[" + String.join(", ", parts) + "]";
        }
    }

    private static Node node(String text) {
        String expression = stripOuterParentheses(text.trim());
        for (String keyword : List.of(" or ", " and ")) {
            List<String> parts = splitTopLevel(expression, keyword);
            if (parts.size() > 1) {
                String kind = keyword.trim();
                List<Node> operands = new ArrayList<>();
                for (String part : parts) {
                    Node child = node(part);
                    if (kind.equals(child.kind())) {
                        operands.addAll(child.operands());
                    } else {
                        operands.add(child);
                    }
                }
                return new Node(kind, operands, null);
            }
        }
        if (expression.startsWith("not(") && closingParenthesis(expression, 3)
                == expression.length() - 1) {
            return new Node("not", List.of(node(expression.substring(4, expression.length() - 1))),
                    null);
        }
        return new Node("term", List.of(), expression);
    }

    private static String stripOuterParentheses(String text) {
        String result = text;
        while (result.startsWith("(") && closingParenthesis(result, 0) == result.length() - 1) {
            result = result.substring(1, result.length() - 1).trim();
        }
        return result;
    }

    /** Returns the index of the parenthesis closing the one at {@code open}, skipping strings. */
    private static int closingParenthesis(String text, int open) {
        int depth = 0;
        for (int i = open; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\'') {
                i = endOfString(text, i);
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
                if (depth == 0) {
                    return i;
                }
            }
        }
        return -1;
    }

    private static int endOfString(String text, int start) {
        char quote = text.charAt(start);
        boolean verbatim = start > 0 && text.charAt(start - 1) == '@';
        for (int i = start + 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && !verbatim) {
                i++;
            } else if (c == quote) {
                return i;
            }
        }
        return text.length() - 1;
    }

    private static List<String> splitTopLevel(String text, String keyword) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\'') {
                i = endOfString(text, i);
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (depth == 0 && text.startsWith(keyword, i)) {
                parts.add(text.substring(start, i));
                start = i + keyword.length();
                i = start - 1;
            }
        }
        parts.add(text.substring(start));
        return parts;
    }
}
