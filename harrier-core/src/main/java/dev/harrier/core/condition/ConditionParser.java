package dev.harrier.core.condition;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Parses a Sigma condition into a {@link ConditionNode} tree.
 *
 * <p>Grammar, loosest binding first: {@code or} &lt; {@code and} &lt; {@code not} &lt; {@code x of
 * pattern} &lt; parentheses. {@code and} and {@code or} associate left; chains of the same operator
 * are flattened into one node. Operators are lower-case; {@code AND} is rejected with its name, as
 * in pySigma. An identifier that merely starts with an operator ({@code not_sel}, {@code
 * orgs}) is an identifier. {@code 1 of}, {@code any of} and {@code all of} take a pattern with
 * {@code *} or {@code them}; identifiers starting with {@code _} are left out unless the pattern
 * itself starts with {@code _}, and a pattern that selects nothing is an error.
 *
 * <p>Example: {@code selection and not 1 of filter_*} with identifiers {@code selection,
 * filter_a, filter_b} gives {@code and(ref(selection),not(anyof(filter_*=filter_a,filter_b)))}.
 *
 * <p>The parser keeps no state between calls and is safe to share.
 */
public final class ConditionParser {
    static final String MESSAGE_UPPER_CASE_OPERATOR =
            "operator must be lower-case";
    static final String MESSAGE_UNKNOWN_IDENTIFIER = "condition names an undefined search identifier";
    static final String MESSAGE_EMPTY_PATTERN = "condition pattern matches no search identifier";
    static final String MESSAGE_PIPE =
            "aggregation with '|' in a condition is deprecated; use a correlation rule";
    static final String MESSAGE_QUANTIFIER =
            "only '1 of', 'any of' and 'all of' are allowed";

    /** Deepest parenthesis or {@code not} nesting accepted, so that input cannot exhaust the stack. */
    public static final int MAX_NESTING = 200;

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z0-9_\\-]+");
    private static final Pattern SELECTOR_PATTERN = Pattern.compile("[A-Za-z0-9_\\-*]+");

    private ConditionParser() {}

    /**
     * Parses {@code condition}.
     *
     * @param identifiers the rule's search identifiers, in definition order
     * @throws ConditionException when the condition is invalid
     */
    public static ConditionNode parse(String condition, List<String> identifiers) {
        List<Token> tokens = tokenize(condition);
        if (tokens.isEmpty()) {
            throw new ConditionException("condition is empty", 1, condition);
        }
        State state = new State(tokens, identifiers);
        ConditionNode node = state.parseOr(0);
        if (state.position < tokens.size()) {
            Token extra = tokens.get(state.position);
            state.rejectOperator(extra);
            throw new ConditionException("unexpected token in condition", extra.column, extra.text);
        }
        return node;
    }

    private record Token(String text, int column) {
        boolean is(String keyword) {
            return text.equals(keyword);
        }
    }

    private static List<Token> tokenize(String text) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '(' || c == ')') {
                tokens.add(new Token(String.valueOf(c), i + 1));
                i++;
            } else if (c == '|') {
                throw new ConditionException(MESSAGE_PIPE, i + 1, text.substring(i).trim());
            } else {
                int start = i;
                while (i < text.length() && !Character.isWhitespace(text.charAt(i))
                        && text.charAt(i) != '(' && text.charAt(i) != ')'
                        && text.charAt(i) != '|') {
                    i++;
                }
                tokens.add(new Token(text.substring(start, i), start + 1));
            }
        }
        return tokens;
    }

    private static final class State {
        private final List<Token> tokens;
        private final List<String> identifiers;
        private int position;

        State(List<Token> tokens, List<String> identifiers) {
            this.tokens = tokens;
            this.identifiers = identifiers;
        }

        private Token peek() {
            return position < tokens.size() ? tokens.get(position) : null;
        }

        private boolean nextIs(String keyword) {
            Token token = peek();
            return token != null && token.is(keyword);
        }

        ConditionNode parseOr(int depth) {
            List<ConditionNode> operands = new ArrayList<>();
            operands.add(parseAnd(depth));
            while (nextIs("or")) {
                position++;
                operands.add(parseAnd(depth));
            }
            return operands.size() == 1 ? operands.get(0) : new ConditionNode.Or(flatten(operands, true));
        }

        ConditionNode parseAnd(int depth) {
            List<ConditionNode> operands = new ArrayList<>();
            operands.add(parseNot(depth));
            while (nextIs("and")) {
                position++;
                operands.add(parseNot(depth));
            }
            return operands.size() == 1 ? operands.get(0) : new ConditionNode.And(flatten(operands, false));
        }

        private static List<ConditionNode> flatten(List<ConditionNode> operands, boolean or) {
            List<ConditionNode> flat = new ArrayList<>();
            for (ConditionNode operand : operands) {
                if (or && operand instanceof ConditionNode.Or nested) {
                    flat.addAll(nested.operands());
                } else if (!or && operand instanceof ConditionNode.And nested) {
                    flat.addAll(nested.operands());
                } else {
                    flat.add(operand);
                }
            }
            return flat;
        }

        ConditionNode parseNot(int depth) {
            if (nextIs("not")) {
                Token not = peek();
                checkDepth(depth, not);
                position++;
                return new ConditionNode.Not(parseNot(depth + 1));
            }
            return parsePrimary(depth);
        }

        private void checkDepth(int depth, Token token) {
            if (depth >= MAX_NESTING) {
                throw new ConditionException(
                        "condition is nested deeper than " + MAX_NESTING + " levels",
                        token.column, token.text);
            }
        }

        ConditionNode parsePrimary(int depth) {
            Token token = peek();
            if (token == null) {
                Token last = tokens.get(tokens.size() - 1);
                throw new ConditionException(
                        "condition ends where an identifier or '(' is expected",
                        last.column + last.text.length(), last.text);
            }
            if (token.is("(")) {
                checkDepth(depth, token);
                position++;
                ConditionNode inner = parseOr(depth + 1);
                if (!nextIs(")")) {
                    throw new ConditionException("missing ')' for '('", token.column, "(");
                }
                position++;
                return inner;
            }
            if (token.is(")")) {
                throw new ConditionException("unexpected ')'", token.column, ")");
            }
            rejectOperator(token);
            if (position + 1 < tokens.size() && tokens.get(position + 1).text.equalsIgnoreCase("of")) {
                return parseSelector(token);
            }
            if (!IDENTIFIER.matcher(token.text).matches()) {
                throw new ConditionException("invalid search identifier", token.column, token.text);
            }
            if (!identifiers.contains(token.text)) {
                throw new ConditionException(MESSAGE_UNKNOWN_IDENTIFIER, token.column, token.text);
            }
            position++;
            return new ConditionNode.Ref(token.text);
        }

        private void rejectOperator(Token token) {
            String lower = token.text.toLowerCase(Locale.ROOT);
            boolean operator = lower.equals("and") || lower.equals("or") || lower.equals("not");
            if (operator && !identifiers.contains(token.text)) {
                if (!token.text.equals(lower)) {
                    throw new ConditionException(MESSAGE_UPPER_CASE_OPERATOR + ": '" + token.text
                            + "' must be written '" + lower + "'", token.column, token.text);
                }
                throw new ConditionException("operator '" + token.text + "' has no left operand",
                        token.column, token.text);
            }
        }

        private ConditionNode parseSelector(Token quantifierToken) {
            Token ofToken = tokens.get(position + 1);
            if (!ofToken.is("of")) {
                throw new ConditionException(MESSAGE_UPPER_CASE_OPERATOR + ": '" + ofToken.text
                        + "' must be written 'of'", ofToken.column, ofToken.text);
            }
            ConditionNode.Quantifier quantifier;
            if (quantifierToken.is("1") || quantifierToken.is("any")) {
                quantifier = ConditionNode.Quantifier.ANY;
            } else if (quantifierToken.is("all")) {
                quantifier = ConditionNode.Quantifier.ALL;
            } else {
                throw new ConditionException(MESSAGE_QUANTIFIER, quantifierToken.column,
                        quantifierToken.text);
            }
            if (position + 2 >= tokens.size()) {
                throw new ConditionException("'of' must be followed by a pattern or 'them'",
                        ofToken.column, ofToken.text);
            }
            Token patternToken = tokens.get(position + 2);
            position += 3;
            String pattern = patternToken.text;
            List<String> selected = new ArrayList<>();
            if (pattern.equals("them")) {
                for (String identifier : identifiers) {
                    if (!identifier.startsWith("_")) {
                        selected.add(identifier);
                    }
                }
            } else {
                if (!SELECTOR_PATTERN.matcher(pattern).matches()) {
                    throw new ConditionException("invalid identifier pattern", patternToken.column,
                            pattern);
                }
                Pattern regex = Pattern.compile(globToRegex(pattern));
                boolean underscorePattern = pattern.startsWith("_");
                for (String identifier : identifiers) {
                    if (identifier.startsWith("_") && !underscorePattern) {
                        continue;
                    }
                    if (regex.matcher(identifier).matches()) {
                        selected.add(identifier);
                    }
                }
            }
            if (selected.isEmpty()) {
                throw new ConditionException(MESSAGE_EMPTY_PATTERN, patternToken.column, pattern);
            }
            return new ConditionNode.Selector(quantifier, pattern, selected);
        }

        private static String globToRegex(String pattern) {
            StringBuilder regex = new StringBuilder();
            String[] pieces = pattern.split("\\*", -1);
            for (int i = 0; i < pieces.length; i++) {
                if (i > 0) {
                    regex.append(".*");
                }
                regex.append(Pattern.quote(pieces[i]));
            }
            return regex.toString();
        }
    }
}
