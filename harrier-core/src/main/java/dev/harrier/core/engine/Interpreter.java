package dev.harrier.core.engine;

import dev.harrier.core.condition.ConditionNode;
import dev.harrier.core.event.Event;
import dev.harrier.core.event.FieldValues;
import dev.harrier.core.event.JsonNull;
import dev.harrier.core.rule.DetectionNode;
import dev.harrier.core.rule.SigmaDetection;
import dev.harrier.core.rule.SigmaDetectionItem;
import dev.harrier.core.rule.SigmaRule;
import dev.harrier.core.value.SigmaString;
import dev.harrier.core.value.SigmaValue;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The plain reference evaluator: walks the rule model for every event, with string values matched
 * through {@link java.util.regex} patterns built from the Sigma string. It is slow and simple on
 * purpose; tests check that the compiled engine ({@link RuleCompiler}) returns the same results.
 */
public final class Interpreter {
    private Interpreter() {}

    /** Returns true when any of the rule's conditions holds for the event. */
    public static boolean matches(SigmaRule rule, Event event, FieldResolver fields) {
        for (ConditionNode condition : rule.parsedConditions()) {
            if (evaluate(condition, rule, event, fields)) {
                return true;
            }
        }
        return false;
    }

    private static boolean evaluate(ConditionNode node, SigmaRule rule, Event event,
            FieldResolver fields) {
        if (node instanceof ConditionNode.Ref ref) {
            return detection(rule.detections().get(ref.name()), event, fields);
        }
        if (node instanceof ConditionNode.Not not) {
            return !evaluate(not.operand(), rule, event, fields);
        }
        if (node instanceof ConditionNode.And and) {
            return and.operands().stream().allMatch(o -> evaluate(o, rule, event, fields));
        }
        if (node instanceof ConditionNode.Or or) {
            return or.operands().stream().anyMatch(o -> evaluate(o, rule, event, fields));
        }
        ConditionNode.Selector selector = (ConditionNode.Selector) node;
        if (selector.quantifier() == ConditionNode.Quantifier.ALL) {
            return selector.identifiers().stream()
                    .allMatch(name -> detection(rule.detections().get(name), event, fields));
        }
        return selector.identifiers().stream()
                .anyMatch(name -> detection(rule.detections().get(name), event, fields));
    }

    private static boolean detection(SigmaDetection detection, Event event, FieldResolver fields) {
        boolean and = detection.linking() == SigmaDetection.Linking.AND;
        for (DetectionNode child : detection.children()) {
            boolean result = child instanceof SigmaDetection nested
                    ? detection(nested, event, fields)
                    : item((SigmaDetectionItem) child, event, fields);
            if (and && !result) {
                return false;
            }
            if (!and && result) {
                return true;
            }
        }
        return and;
    }

    private static boolean item(SigmaDetectionItem item, Event event, FieldResolver fields) {
        boolean result = item.allValues();
        for (SigmaValue value : item.values()) {
            boolean passed = item.isKeyword()
                    ? keyword(value, event, fields)
                    : value(value, fields.resolve(event, item.field()), event, fields);
            if (item.allValues() && !passed) {
                result = false;
                break;
            }
            if (!item.allValues() && passed) {
                result = true;
                break;
            }
        }
        return item.negated() != result;
    }

    private static boolean keyword(SigmaValue value, Event event, FieldResolver fields) {
        SigmaValue substring = RuleCompiler.asSubstring(value);
        if (event.rawMessage() != null && value(substring, event.rawMessage(), event, fields)) {
            return true;
        }
        for (Object fieldValue : event.fields().values()) {
            boolean[] found = {false};
            FieldValues.forEachLeafText(fieldValue, text -> {
                found[0] |= value(substring, text, event, fields);
            });
            if (found[0]) {
                return true;
            }
        }
        return false;
    }

    private static boolean value(SigmaValue value, Object fieldValue, Event event,
            FieldResolver fields) {
        if (value instanceof SigmaValue.Expansion expansion) {
            return expansion.alternatives().stream()
                    .anyMatch(alternative -> value(alternative, fieldValue, event, fields));
        }
        if (value instanceof SigmaValue.StringValue string) {
            return anyScalar(fieldValue, text -> toRegex(string.string(), string.cased())
                    .matcher(text).matches());
        }
        if (value == SigmaValue.NullValue.INSTANCE) {
            return fieldValue == null || fieldValue == JsonNull.INSTANCE;
        }
        if (value instanceof SigmaValue.ExistsValue exists) {
            return (fieldValue != null) == exists.present();
        }
        if (value instanceof SigmaValue.NumberValue number) {
            return anyScalar(fieldValue, text -> text.equals(number.text()));
        }
        return ValueTest.compile(value).forEvent(event, fields).test(fieldValue, event, fields);
    }

    private interface TextPredicate {
        boolean test(String text);
    }

    private static boolean anyScalar(Object fieldValue, TextPredicate predicate) {
        if (fieldValue instanceof List<?> list) {
            for (Object element : list) {
                if (anyScalar(element, predicate)) {
                    return true;
                }
            }
            return false;
        }
        if (fieldValue == null || fieldValue instanceof Map) {
            return false;
        }
        String text = FieldValues.scalarText(fieldValue);
        return text != null && predicate.test(text);
    }

    private static final java.util.Map<SigmaString, Pattern> CASE_INSENSITIVE_PATTERNS =
            new java.util.concurrent.ConcurrentHashMap<>();
    private static final java.util.Map<SigmaString, Pattern> CASED_PATTERNS =
            new java.util.concurrent.ConcurrentHashMap<>();

    /** Builds an anchored pattern: literals quoted, {@code *} as {@code .*}, {@code ?} as {@code .}. */
    static Pattern toRegex(SigmaString string, boolean cased) {
        return (cased ? CASED_PATTERNS : CASE_INSENSITIVE_PATTERNS)
                .computeIfAbsent(string, s -> buildRegex(s, cased));
    }

    private static Pattern buildRegex(SigmaString string, boolean cased) {
        StringBuilder regex = new StringBuilder();
        for (SigmaString.Part part : string.parts()) {
            if (part instanceof SigmaString.Literal literal) {
                regex.append(Pattern.quote(literal.text()));
            } else {
                regex.append(part == SigmaString.Wildcard.ANY_RUN ? ".*" : ".");
            }
        }
        int flags = Pattern.DOTALL;
        if (!cased) {
            flags |= Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
        }
        return Pattern.compile(regex.toString(), flags);
    }
}
