package dev.harrier.kql;

import dev.harrier.core.condition.ConditionNode;
import dev.harrier.core.rule.DetectionNode;
import dev.harrier.core.rule.SigmaDetection;
import dev.harrier.core.rule.SigmaDetectionItem;
import dev.harrier.core.rule.SigmaRule;
import dev.harrier.core.rule.SigmaRuleException;
import dev.harrier.core.rule.SourceLocation;
import dev.harrier.core.value.SigmaString;
import dev.harrier.core.value.SigmaValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Renders a rule's conditions as a KQL predicate with the meaning the Sigma semantics contract
 * defines: whole-value, case-insensitive strings unless {@code cased}, partial-match regexes, and
 * {@code null} as an empty or null column.
 */
final class PredicateRenderer {
    /** The number of OR-linked values above which one regex replaces a chain of tests. */
    static final int LONG_LIST = 100;

    private final SigmaRule rule;
    private final FieldBinding fields;

    PredicateRenderer(SigmaRule rule, FieldBinding fields) {
        this.rule = rule;
        this.fields = fields;
    }

    /** Renders every condition of the rule, OR-linked. */
    KqlExpression renderConditions() {
        List<KqlExpression> conditions = new ArrayList<>();
        for (ConditionNode condition : rule.parsedConditions()) {
            conditions.add(renderCondition(condition));
        }
        return KqlExpression.or(conditions);
    }

    /** Renders one parsed condition. */
    KqlExpression renderCondition(ConditionNode condition) {
        return condition.accept(new ConditionNode.Visitor<KqlExpression>() {
            @Override
            public KqlExpression visitRef(ConditionNode.Ref ref) {
                return renderIdentifier(ref.name());
            }

            @Override
            public KqlExpression visitAnd(ConditionNode.And and) {
                return KqlExpression.and(renderAll(and.operands(), this));
            }

            @Override
            public KqlExpression visitOr(ConditionNode.Or or) {
                return KqlExpression.or(renderAll(or.operands(), this));
            }

            @Override
            public KqlExpression visitNot(ConditionNode.Not not) {
                return KqlExpression.not(not.operand().accept(this));
            }

            @Override
            public KqlExpression visitSelector(ConditionNode.Selector selector) {
                List<KqlExpression> operands = new ArrayList<>();
                for (String identifier : selector.identifiers()) {
                    operands.add(renderIdentifier(identifier));
                }
                return selector.quantifier() == ConditionNode.Quantifier.ALL
                        ? KqlExpression.and(operands)
                        : KqlExpression.or(operands);
            }
        });
    }

    private static List<KqlExpression> renderAll(
            List<ConditionNode> nodes, ConditionNode.Visitor<KqlExpression> visitor) {
        List<KqlExpression> rendered = new ArrayList<>();
        for (ConditionNode node : nodes) {
            rendered.add(node.accept(visitor));
        }
        return rendered;
    }

    private KqlExpression renderIdentifier(String name) {
        SigmaDetection detection = rule.detections().get(name);
        if (detection == null) {
            throw new SigmaRuleException(
                    "condition names unknown search identifier '" + name + "'", rule.location(), name);
        }
        return renderDetection(detection);
    }

    private KqlExpression renderDetection(SigmaDetection detection) {
        List<KqlExpression> children = new ArrayList<>();
        for (DetectionNode child : detection.children()) {
            if (child instanceof SigmaDetection nested) {
                children.add(renderDetection(nested));
            } else {
                children.add(renderItem((SigmaDetectionItem) child));
            }
        }
        if (children.isEmpty()) {
            throw new SigmaRuleException("search identifier has no detection items",
                    detection.location(), null);
        }
        return detection.linking() == SigmaDetection.Linking.AND
                ? KqlExpression.and(children)
                : KqlExpression.or(children);
    }

    private KqlExpression renderItem(SigmaDetectionItem item) {
        if (item.values().isEmpty()) {
            throw new SigmaRuleException("detection item has no values", item.location(),
                    item.toString());
        }
        KqlExpression expression;
        if (item.isKeyword()) {
            expression = combine(item, renderKeywords(item));
        } else {
            List<KqlExpression> perColumn = new ArrayList<>();
            for (Column column : fields.resolve(item.field(), item.location())) {
                perColumn.add(combine(item, renderValues(item, column)));
            }
            expression = KqlExpression.or(perColumn);
        }
        return item.negated() ? KqlExpression.not(expression) : expression;
    }

    private static KqlExpression combine(SigmaDetectionItem item, List<KqlExpression> values) {
        return item.allValues() ? KqlExpression.and(values) : KqlExpression.or(values);
    }

    private List<KqlExpression> renderKeywords(SigmaDetectionItem item) {
        List<KqlExpression> rendered = new ArrayList<>();
        for (SigmaValue value : item.values()) {
            rendered.add(renderKeyword(value, item.location()));
        }
        return rendered;
    }

    /**
     * Renders a keyword as a case-insensitive substring test over every column ({@code * contains
     * "x"}); a keyword with inner wildcards becomes an unanchored regex over every column.
     */
    private KqlExpression renderKeyword(SigmaValue value, SourceLocation location) {
        if (value instanceof SigmaValue.Expansion expansion) {
            List<KqlExpression> alternatives = new ArrayList<>();
            for (SigmaValue alternative : expansion.alternatives()) {
                alternatives.add(renderKeyword(alternative, location));
            }
            return KqlExpression.or(alternatives);
        }
        SigmaString string;
        boolean cased = false;
        if (value instanceof SigmaValue.StringValue text) {
            string = text.string();
            cased = text.cased();
        } else if (value instanceof SigmaValue.NumberValue number) {
            string = SigmaString.literal(number.text());
        } else if (value instanceof SigmaValue.BoolValue bool) {
            string = SigmaString.literal(Boolean.toString(bool.value()));
        } else {
            throw unsupported("keyword value of this kind cannot be searched in KQL", location,
                    value);
        }
        Pattern pattern = Pattern.of(string.prependAnyRun().appendAnyRun());
        if (pattern.literal() == null) {
            // NOTE: the Kusto analyzer (language service 12.4.1) accepts "* matches regex"; a run
            // against a workspace has not been made.
            return KqlExpression.term(KqlDialect.matchesRegex("*", pattern.regex(cased)));
        }
        if (pattern.literal().isEmpty()) {
            return KqlExpression.term("true");
        }
        return KqlExpression.term(KqlDialect.compare(
                "*", KqlDialect.StringOperator.CONTAINS, cased, pattern.literal()));
    }

    private List<KqlExpression> renderValues(SigmaDetectionItem item, Column column) {
        List<KqlExpression> rendered = new ArrayList<>();
        if (!item.allValues()) {
            KqlExpression list = renderEqualityList(item.values(), column);
            if (list == null) {
                list = renderLongList(item.values(), column);
            }
            if (list != null) {
                rendered.add(list);
                return rendered;
            }
        }
        for (SigmaValue value : item.values()) {
            rendered.add(ValueRenderer.render(value, column, fields, item.location()));
        }
        return rendered;
    }

    /**
     * Renders two or more plain equality values as one {@code in} or {@code in~} test, or returns
     * null when the values are not all of one such kind.
     */
    private static KqlExpression renderEqualityList(List<SigmaValue> values, Column column) {
        if (values.size() < 2 || column.fileNameOnly()) {
            return null;
        }
        List<String> literals = new ArrayList<>();
        Boolean cased = null;
        boolean numbers = values.get(0) instanceof SigmaValue.NumberValue;
        for (SigmaValue value : values) {
            if (numbers && value instanceof SigmaValue.NumberValue number) {
                literals.add(ValueRenderer.numberLiteral(number, column));
            } else if (!numbers && value instanceof SigmaValue.StringValue text
                    && !text.string().hasWildcards() && !text.string().isEmpty()
                    && ValueRenderer.isTextColumn(column)
                    && (cased == null || cased == text.cased())) {
                cased = text.cased();
                literals.add(KqlDialect.string(text.string().plainText()));
            } else {
                return null;
            }
        }
        String columnText = KqlDialect.column(column.name());
        if (numbers) {
            // Digits have no case, so the case-sensitive "in" is exact for numbers and their text.
            return KqlExpression.term(KqlDialect.inList(columnText, literals, true));
        }
        return KqlExpression.term(KqlDialect.inList(columnText, literals, cased));
    }

    /**
     * Renders more than {@link #LONG_LIST} OR-linked values that share one string operator as one
     * regex of alternatives, or returns null when the values are fewer or differ in kind. The Kusto
     * analyzer rejects a chain of about a thousand {@code or} terms (KS245, syntax depth).
     */
    private static KqlExpression renderLongList(List<SigmaValue> values, Column column) {
        if (values.size() <= LONG_LIST || column.fileNameOnly()
                || !ValueRenderer.isTextColumn(column)) {
            return null;
        }
        KqlDialect.StringOperator operator = null;
        Boolean cased = null;
        List<String> alternatives = new ArrayList<>();
        for (SigmaValue value : values) {
            if (!(value instanceof SigmaValue.StringValue text) || text.string().isByteString()) {
                return null;
            }
            Pattern pattern = Pattern.of(text.string());
            if (pattern.literal() == null || pattern.literal().isEmpty()
                    || operator != null && operator != pattern.operator()
                    || cased != null && cased != text.cased()) {
                return null;
            }
            operator = pattern.operator();
            cased = text.cased();
            alternatives.add(KqlDialect.regexLiteral(pattern.literal()));
        }
        String regex = (cased ? "" : "(?i)")
                + (operator == KqlDialect.StringOperator.EQUALS
                        || operator == KqlDialect.StringOperator.STARTS_WITH ? "^" : "")
                + "(?:" + String.join("|", alternatives) + ")"
                + (operator == KqlDialect.StringOperator.EQUALS
                        || operator == KqlDialect.StringOperator.ENDS_WITH ? "$" : "");
        return KqlExpression.term(KqlDialect.matchesRegex(KqlDialect.column(column.name()), regex));
    }

    static SigmaRuleException unsupported(String reason, SourceLocation location, Object value) {
        return new SigmaRuleException(reason, location, value == null ? null : value.toString());
    }

    /** A Sigma string split into a plain KQL operator test or a regex. */
    static final class Pattern {
        private final SigmaString string;
        private final String literal;
        private final KqlDialect.StringOperator operator;

        private Pattern(SigmaString string, String literal, KqlDialect.StringOperator operator) {
            this.string = string;
            this.literal = literal;
            this.operator = operator;
        }

        /**
         * Classifies a string: a leading {@code *} gives {@code endswith}, a trailing one {@code
         * startswith}, both {@code contains}; any other wildcard needs a regex.
         */
        static Pattern of(SigmaString string) {
            List<SigmaString.Part> parts = string.parts();
            int start = 0;
            int end = parts.size();
            boolean leading = end > 0 && parts.get(0) == SigmaString.Wildcard.ANY_RUN;
            if (leading) {
                start++;
            }
            boolean trailing = end > start && parts.get(end - 1) == SigmaString.Wildcard.ANY_RUN;
            if (trailing) {
                end--;
            }
            StringBuilder literal = new StringBuilder();
            for (SigmaString.Part part : parts.subList(start, end)) {
                if (!(part instanceof SigmaString.Literal text)) {
                    return new Pattern(string, null, null);
                }
                literal.append(text.text());
            }
            KqlDialect.StringOperator operator;
            if (leading && trailing || (leading || trailing) && literal.length() == 0) {
                operator = KqlDialect.StringOperator.CONTAINS;
            } else if (leading) {
                operator = KqlDialect.StringOperator.ENDS_WITH;
            } else if (trailing) {
                operator = KqlDialect.StringOperator.STARTS_WITH;
            } else {
                operator = KqlDialect.StringOperator.EQUALS;
            }
            return new Pattern(string, literal.toString(), operator);
        }

        /** Returns the literal text when no regex is needed, else null. */
        String literal() {
            return literal;
        }

        KqlDialect.StringOperator operator() {
            return operator;
        }

        /**
         * Returns the RE2 pattern for the whole string: anchored at each end that has no {@code
         * *}, with {@code i} unless cased and {@code s} when wildcards remain inside.
         */
        String regex(boolean cased) {
            List<SigmaString.Part> parts = string.parts();
            int start = 0;
            int end = parts.size();
            boolean leading = end > 0 && parts.get(0) == SigmaString.Wildcard.ANY_RUN;
            if (leading) {
                start++;
            }
            boolean trailing = end > start && parts.get(end - 1) == SigmaString.Wildcard.ANY_RUN;
            if (trailing) {
                end--;
            }

            StringBuilder regex = new StringBuilder();
            boolean innerWildcards = parts.subList(start, end).stream()
                    .anyMatch(part -> part instanceof SigmaString.Wildcard);
            // s: Sigma wildcards span line breaks (multi-line command lines and scripts), and
            // RE2's dot does not without it.
            String flags = (cased ? "" : "i") + (innerWildcards ? "s" : "");
            if (!flags.isEmpty()) {
                regex.append("(?").append(flags).append(')');
            }
            if (!leading) {
                regex.append('^');
            }

            for (SigmaString.Part part : parts.subList(start, end)) {
                if (part instanceof SigmaString.Literal text) {
                    regex.append(KqlDialect.regexLiteral(text.text()));
                } else if (part == SigmaString.Wildcard.ANY_RUN) {
                    regex.append(".*");
                } else {
                    regex.append('.');
                }
            }
            if (!trailing) {
                regex.append('$');
            }
            return regex.toString();
        }
    }

    static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
