package dev.harrier.core.check;

import dev.harrier.core.condition.ConditionNode;
import dev.harrier.core.rule.DetectionNode;
import dev.harrier.core.rule.SigmaDetection;
import dev.harrier.core.rule.SigmaDetectionItem;
import dev.harrier.core.rule.SigmaFilter;
import dev.harrier.core.rule.SigmaRule;
import dev.harrier.core.value.SigmaString;
import dev.harrier.core.value.SigmaValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Decides whether a filter can ever remove a match of a rule: whether some event can satisfy the
 * rule's condition and fail the filter's condition. Both are expanded into disjunctive normal form
 * and every pair of clauses is checked for a field whose string constraints cannot hold together
 * (for example two prefixes neither of which starts the other).
 *
 * <p>The result is conservative: {@link #canRemove} returns false only when no overlap is
 * possible; anything it cannot analyse (regular expressions, CIDR, large conditions) counts as a
 * possible overlap.
 */
public final class FilterOverlap {
    /** Most clauses an expansion may reach before the analysis gives up. */
    static final int MAX_CLAUSES = 1024;

    private FilterOverlap() {}

    /** One detection item's test, possibly negated; its values are OR-linked. */
    private record Atom(String field, List<SigmaValue> alternatives, boolean negated) {}

    private static final class TooLarge extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TooLarge() {
            super(null, null, false, false);
        }
    }

    /** Returns false when no event can match the rule and be removed by the filter. */
    public static boolean canRemove(SigmaRule rule, SigmaFilter filter) {
        try {
            List<List<Atom>> ruleClauses = new ArrayList<>();
            for (ConditionNode condition : rule.parsedConditions()) {
                ruleClauses.addAll(dnf(condition, false, rule.detections()));
            }
            List<List<Atom>> removed = dnf(filter.parsedCondition(), true, filter.detections());
            for (List<Atom> ruleClause : ruleClauses) {
                for (List<Atom> filterClause : removed) {
                    List<Atom> both = new ArrayList<>(ruleClause);
                    both.addAll(filterClause);
                    if (satisfiable(both)) {
                        return true;
                    }
                }
            }
            return false;
        } catch (TooLarge e) {
            return true;
        }
    }

    private static List<List<Atom>> dnf(ConditionNode node, boolean negate,
            Map<String, SigmaDetection> detections) {
        if (node instanceof ConditionNode.Ref ref) {
            return detection(detections.get(ref.name()), negate);
        }
        if (node instanceof ConditionNode.Not not) {
            return dnf(not.operand(), !negate, detections);
        }
        List<ConditionNode> operands;
        boolean conjunction;
        if (node instanceof ConditionNode.And and) {
            operands = and.operands();
            conjunction = true;
        } else if (node instanceof ConditionNode.Or or) {
            operands = or.operands();
            conjunction = false;
        } else {
            ConditionNode.Selector selector = (ConditionNode.Selector) node;
            operands = selector.identifiers().stream()
                    .map(name -> (ConditionNode) new ConditionNode.Ref(name)).toList();
            conjunction = selector.quantifier() == ConditionNode.Quantifier.ALL;
        }
        List<List<List<Atom>>> parts = new ArrayList<>();
        for (ConditionNode operand : operands) {
            parts.add(dnf(operand, negate, detections));
        }
        return conjunction != negate ? product(parts) : union(parts);
    }

    private static List<List<Atom>> detection(SigmaDetection detection, boolean negate) {
        List<List<List<Atom>>> parts = new ArrayList<>();
        for (DetectionNode child : detection.children()) {
            if (child instanceof SigmaDetection nested) {
                parts.add(detection(nested, negate));
            } else {
                parts.add(item((SigmaDetectionItem) child, negate));
            }
        }
        boolean conjunction = detection.linking() == SigmaDetection.Linking.AND;
        return conjunction != negate ? product(parts) : union(parts);
    }

    private static List<List<Atom>> item(SigmaDetectionItem item, boolean negate) {
        boolean negated = item.negated() != negate;
        if (!item.allValues() || item.values().size() == 1) {
            return List.of(List.of(new Atom(item.field(), item.values(), negated)));
        }
        List<List<List<Atom>>> parts = new ArrayList<>();
        for (SigmaValue value : item.values()) {
            parts.add(List.of(List.of(new Atom(item.field(), List.of(value), negated))));
        }
        // all: a conjunction of the values, or under negation a disjunction of their negations.
        return negated ? union(parts) : product(parts);
    }

    private static List<List<Atom>> union(List<List<List<Atom>>> parts) {
        List<List<Atom>> result = new ArrayList<>();
        for (List<List<Atom>> part : parts) {
            result.addAll(part);
            if (result.size() > MAX_CLAUSES) {
                throw new TooLarge();
            }
        }
        return result;
    }

    private static List<List<Atom>> product(List<List<List<Atom>>> parts) {
        List<List<Atom>> result = new ArrayList<>();
        result.add(List.of());
        for (List<List<Atom>> part : parts) {
            List<List<Atom>> next = new ArrayList<>();
            for (List<Atom> left : result) {
                for (List<Atom> right : part) {
                    List<Atom> clause = new ArrayList<>(left);
                    clause.addAll(right);
                    next.add(clause);
                    if (next.size() > MAX_CLAUSES) {
                        throw new TooLarge();
                    }
                }
            }
            result = next;
        }
        return result;
    }

    /** Returns false only when two positive tests on one field cannot both hold. */
    private static boolean satisfiable(List<Atom> clause) {
        for (int i = 0; i < clause.size(); i++) {
            Atom first = clause.get(i);
            if (first.negated() || first.field() == null) {
                continue;
            }
            for (int j = i + 1; j < clause.size(); j++) {
                Atom second = clause.get(j);
                if (second.negated() || second.field() == null
                        || !first.field().equalsIgnoreCase(second.field())) {
                    continue;
                }
                if (!anyCompatible(first.alternatives(), second.alternatives())) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean anyCompatible(List<SigmaValue> left, List<SigmaValue> right) {
        for (SigmaValue a : left) {
            for (SigmaValue b : right) {
                if (compatible(a, b)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean compatible(SigmaValue a, SigmaValue b) {
        if (a instanceof SigmaValue.Expansion expansion) {
            return anyCompatible(expansion.alternatives(), List.of(b));
        }
        if (b instanceof SigmaValue.Expansion expansion) {
            return anyCompatible(List.of(a), expansion.alternatives());
        }
        SigmaString left = asString(a);
        SigmaString right = asString(b);
        if (left == null || right == null) {
            return true;
        }
        if (!left.hasWildcards()) {
            return matches(right, left.plainText());
        }
        if (!right.hasWildcards()) {
            return matches(left, right.plainText());
        }
        String leftPrefix = prefix(left);
        String rightPrefix = prefix(right);
        String leftSuffix = suffix(left);
        String rightSuffix = suffix(right);
        boolean prefixes = leftPrefix.startsWith(rightPrefix) || rightPrefix.startsWith(leftPrefix);
        boolean suffixes = leftSuffix.endsWith(rightSuffix) || rightSuffix.endsWith(leftSuffix);
        return prefixes && suffixes;
    }

    private static SigmaString asString(SigmaValue value) {
        if (value instanceof SigmaValue.StringValue string) {
            return string.string();
        }
        if (value instanceof SigmaValue.NumberValue number) {
            return SigmaString.literal(number.text());
        }
        return null;
    }

    private static boolean matches(SigmaString pattern, String text) {
        StringBuilder regex = new StringBuilder();
        for (SigmaString.Part part : pattern.parts()) {
            if (part instanceof SigmaString.Literal literal) {
                regex.append(java.util.regex.Pattern.quote(literal.text()));
            } else {
                regex.append(part == SigmaString.Wildcard.ANY_RUN ? ".*" : ".");
            }
        }
        return java.util.regex.Pattern.compile(regex.toString(), java.util.regex.Pattern.DOTALL
                | java.util.regex.Pattern.CASE_INSENSITIVE | java.util.regex.Pattern.UNICODE_CASE)
                .matcher(text).matches();
    }

    /** Returns the lower-case literal text before the first wildcard. */
    private static String prefix(SigmaString string) {
        StringBuilder text = new StringBuilder();
        for (SigmaString.Part part : string.parts()) {
            if (!(part instanceof SigmaString.Literal literal)) {
                break;
            }
            text.append(literal.text());
        }
        return text.toString().toLowerCase(Locale.ROOT);
    }

    /** Returns the lower-case literal text after the last wildcard. */
    private static String suffix(SigmaString string) {
        StringBuilder text = new StringBuilder();
        List<SigmaString.Part> parts = string.parts();
        for (int i = parts.size() - 1; i >= 0; i--) {
            if (!(parts.get(i) instanceof SigmaString.Literal literal)) {
                break;
            }
            text.insert(0, literal.text());
        }
        return text.toString().toLowerCase(Locale.ROOT);
    }
}
