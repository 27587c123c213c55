package dev.harrier.kql;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The KQL spelling of literals, column names and operators. Every quote, escape and operator name
 * the converter emits comes from here.
 */
public final class KqlDialect {
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    /**
     * KQL keywords that cannot be used as bare column names. The list covers the query operators
     * and the words with a meaning inside a predicate; others are quoted too when in doubt.
     */
    private static final List<String> KEYWORDS = List.of(
            "and", "or", "not", "in", "has", "contains", "startswith", "endswith", "matches",
            "regex", "between", "where", "project", "extend", "summarize", "by", "on", "let",
            "true", "false", "null", "table", "database", "cluster", "typeof", "with", "as",
            "union", "join", "sort", "order", "top", "take", "limit", "count", "search", "find",
            "parse", "print", "range", "evaluate", "invoke", "render", "datatable", "like",
            "notlike", "asc", "desc", "nulls", "first", "last", "set", "declare", "pattern");

    private KqlDialect() {}

    /**
     * Quotes text as a double-quoted KQL string literal: {@code C:\Windows} becomes {@code
     * "C:\\Windows"}, {@code say "hi"} becomes {@code "say \"hi\""}, a line break becomes {@code
     * \n}, a carriage return {@code \r} and a tab {@code \t}. Other control characters become
     * {@code \}{@code uXXXX} escapes.
     *
     * <p>NOTE: Microsoft Learn documents only the quote, tab, newline and backslash escapes; the
     * Kusto language service 12.4.1 also accepts {@code \}{@code uXXXX}, but no cluster run has
     * confirmed it.
     */
    public static String string(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2);
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\':
                    out.append("\\\\");
                    break;
                case '"':
                    out.append("\\\"");
                    break;
                case '\n':
                    out.append("\\n");
                    break;
                case '\r':
                    out.append("\\r");
                    break;
                case '\t':
                    out.append("\\t");
                    break;
                default:
                    if (c < 0x20 || c == 0x7f) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
            }
        }
        return out.append('"').toString();
    }

    /**
     * Writes a column name: an identifier stays bare ({@code CommandLine}), anything else is
     * bracket-quoted ({@code c-uri} becomes {@code ['c-uri']}, {@code it's} becomes {@code
     * ['it\'s']}, {@code where} becomes {@code ['where']}).
     */
    public static String column(String name) {
        if (IDENTIFIER.matcher(name).matches() && !KEYWORDS.contains(name)) {
            return name;
        }
        return "['" + escapeSingleQuoted(name) + "']";
    }

    private static String escapeSingleQuoted(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' || c == '\'') {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }

    /**
     * Escapes literal text for an RE2 pattern: {@code a.b*} becomes {@code a\.b\*}. Letters,
     * digits, space and characters outside ASCII stay as they are.
     */
    public static String regexLiteral(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ("\\.+*?()|[]{}^$".indexOf(c) >= 0) {
                out.append('\\').append(c);
            } else if (c == '\n') {
                out.append("\\n");
            } else if (c == '\r') {
                out.append("\\r");
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** The string operator for a test. */
    public enum StringOperator {
        EQUALS("=~", "=="),
        STARTS_WITH("startswith", "startswith_cs"),
        ENDS_WITH("endswith", "endswith_cs"),
        CONTAINS("contains", "contains_cs");

        private final String ignoreCase;
        private final String cased;

        StringOperator(String ignoreCase, String cased) {
            this.ignoreCase = ignoreCase;
            this.cased = cased;
        }

        /** Returns the operator: {@code =~} or {@code ==}, {@code contains} or {@code contains_cs}. */
        public String token(boolean caseSensitive) {
            return caseSensitive ? cased : ignoreCase;
        }
    }

    /** Returns {@code column op "text"}, for example {@code Image endswith "\\cmd.exe"}. */
    public static String compare(String column, StringOperator operator, boolean cased, String text) {
        return column + " " + operator.token(cased) + " " + string(text);
    }

    /**
     * Returns an equality over several strings: {@code Image in~ ("a", "b")}, or {@code in} when
     * cased.
     */
    public static String inList(String column, List<String> literals, boolean cased) {
        return column + (cased ? " in (" : " in~ (") + String.join(", ", literals) + ")";
    }

    /** Returns {@code column matches regex "pattern"}. */
    public static String matchesRegex(String column, String pattern) {
        return column + " matches regex " + string(pattern);
    }

    /** Returns {@code not(expression)}. */
    public static String not(String expression) {
        return "not(" + expression + ")";
    }

    /** Returns a call, for example {@code isempty(CommandLine)}. */
    public static String call(String function, String... arguments) {
        return function + "(" + String.join(", ", arguments) + ")";
    }
}
