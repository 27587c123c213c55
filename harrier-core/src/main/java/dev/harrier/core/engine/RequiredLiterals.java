package dev.harrier.core.engine;

import dev.harrier.core.condition.ConditionNode;
import dev.harrier.core.rule.DetectionNode;
import dev.harrier.core.rule.SigmaDetection;
import dev.harrier.core.rule.SigmaDetectionItem;
import dev.harrier.core.rule.SigmaRule;
import dev.harrier.core.value.SigmaString;
import dev.harrier.core.value.SigmaValue;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Finds, for a rule, lower-case ASCII strings one of which must occur in some value of any event
 * the rule matches: a necessary condition that lets most rules be skipped for most events.
 *
 * <p>Each positive string test contributes its longest literal run; OR-linked tests contribute the
 * union of their sets, AND-linked ones the most selective child's set. Negations, regular
 * expressions, CIDR, null, exists, field references, comparisons and non-ASCII literals give no
 * constraint, and a rule without one is always evaluated.
 */
final class RequiredLiterals {
    private RequiredLiterals() {}

    /** Returns the literals, or null when the rule gives no usable constraint. */
    static Set<String> of(SigmaRule rule) {
        Set<String> union = new LinkedHashSet<>();
        for (ConditionNode condition : rule.parsedConditions()) {
            Set<String> literals = condition(condition, rule);
            if (literals == null) {
                return null;
            }
            union.addAll(literals);
        }
        return union.isEmpty() ? null : union;
    }

    private static Set<String> condition(ConditionNode node, SigmaRule rule) {
        if (node instanceof ConditionNode.Ref ref) {
            return detection(rule.detections().get(ref.name()));
        }
        if (node instanceof ConditionNode.Not) {
            return null;
        }
        if (node instanceof ConditionNode.And and) {
            Set<String> best = null;
            for (ConditionNode operand : and.operands()) {
                best = better(best, condition(operand, rule));
            }
            return best;
        }
        if (node instanceof ConditionNode.Or or) {
            Set<String> union = new LinkedHashSet<>();
            for (ConditionNode operand : or.operands()) {
                Set<String> literals = condition(operand, rule);
                if (literals == null) {
                    return null;
                }
                union.addAll(literals);
            }
            return union;
        }
        ConditionNode.Selector selector = (ConditionNode.Selector) node;
        Set<String> result = selector.quantifier() == ConditionNode.Quantifier.ALL ? null
                : new LinkedHashSet<>();
        for (String name : selector.identifiers()) {
            Set<String> literals = detection(rule.detections().get(name));
            if (selector.quantifier() == ConditionNode.Quantifier.ALL) {
                result = better(result, literals);
            } else if (literals == null) {
                return null;
            } else {
                result.addAll(literals);
            }
        }
        return result;
    }

    private static Set<String> detection(SigmaDetection detection) {
        boolean and = detection.linking() == SigmaDetection.Linking.AND;
        Set<String> result = and ? null : new LinkedHashSet<>();
        for (DetectionNode child : detection.children()) {
            Set<String> literals = child instanceof SigmaDetection nested ? detection(nested)
                    : item((SigmaDetectionItem) child);
            if (and) {
                result = better(result, literals);
            } else if (literals == null) {
                return null;
            } else {
                result.addAll(literals);
            }
        }
        return result == null || result.isEmpty() ? null : result;
    }

    private static Set<String> item(SigmaDetectionItem item) {
        if (item.negated() || item.values().isEmpty()) {
            return null;
        }
        if (item.allValues()) {
            Set<String> best = null;
            for (SigmaValue value : item.values()) {
                best = better(best, value(value));
            }
            return best;
        }
        return union(item.values());
    }

    private static Set<String> union(List<SigmaValue> values) {
        Set<String> union = new LinkedHashSet<>();
        for (SigmaValue value : values) {
            Set<String> literals = value(value);
            if (literals == null) {
                return null;
            }
            union.addAll(literals);
        }
        return union;
    }

    private static Set<String> value(SigmaValue value) {
        if (value instanceof SigmaValue.Expansion expansion) {
            return union(expansion.alternatives());
        }
        String literal = null;
        if (value instanceof SigmaValue.StringValue string) {
            literal = longestLiteral(string.string());
        } else if (value instanceof SigmaValue.NumberValue number) {
            literal = number.text();
        }
        if (literal == null || literal.isEmpty() || !isPlainAscii(literal)) {
            return null;
        }
        Set<String> result = new LinkedHashSet<>();
        result.add(literal.toLowerCase(Locale.ROOT));
        return result;
    }

    private static String longestLiteral(SigmaString string) {
        String longest = "";
        for (SigmaString.Part part : string.parts()) {
            if (part instanceof SigmaString.Literal literal && literal.text().length() > longest.length()) {
                longest = literal.text();
            }
        }
        return longest;
    }

    /** ASCII without {@code \0}, which joins values in the searched text. */
    private static boolean isPlainAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 128 || c == 0) {
                return false;
            }
        }
        return true;
    }

    /** Picks the more selective of two necessary sets: fewer literals, then longer shortest one. */
    private static Set<String> better(Set<String> current, Set<String> candidate) {
        if (candidate == null || candidate.isEmpty()) {
            return current;
        }
        if (current == null) {
            return candidate;
        }
        return score(candidate) > score(current) ? candidate : current;
    }

    private static double score(Set<String> literals) {
        int shortest = Integer.MAX_VALUE;
        for (String literal : literals) {
            shortest = Math.min(shortest, literal.length());
        }
        return Math.min(shortest, 12) - Math.log(literals.size());
    }
}
