package dev.harrier.core.engine;

import dev.harrier.core.condition.ConditionNode;
import dev.harrier.core.rule.DetectionNode;
import dev.harrier.core.rule.SigmaDetection;
import dev.harrier.core.rule.SigmaDetectionItem;
import dev.harrier.core.rule.SigmaRule;
import dev.harrier.core.value.SigmaString;
import dev.harrier.core.value.SigmaValue;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Compiles a rule into one {@link Matcher}: each search identifier is compiled once, and the
 * condition tree refers to it. Keyword values become substring patterns.
 */
public final class RuleCompiler {
    private RuleCompiler() {}

    /** Compiles the rule's conditions (several conditions are OR-linked). */
    public static Matcher compile(SigmaRule rule) {
        Map<String, Matcher> identifiers = new HashMap<>();
        for (Map.Entry<String, SigmaDetection> entry : rule.detections().entrySet()) {
            identifiers.put(entry.getKey(), compileDetection(entry.getValue()));
        }
        List<Matcher> conditions = new ArrayList<>();
        for (ConditionNode condition : rule.parsedConditions()) {
            conditions.add(condition.accept(new ConditionCompiler(identifiers)));
        }
        return conditions.size() == 1 ? conditions.get(0) : new Matcher.Or(conditions);
    }

    private static final class ConditionCompiler implements ConditionNode.Visitor<Matcher> {
        private final Map<String, Matcher> identifiers;

        ConditionCompiler(Map<String, Matcher> identifiers) {
            this.identifiers = identifiers;
        }

        @Override
        public Matcher visitRef(ConditionNode.Ref ref) {
            return identifiers.get(ref.name());
        }

        @Override
        public Matcher visitAnd(ConditionNode.And and) {
            List<Matcher> operands = new ArrayList<>();
            for (ConditionNode operand : and.operands()) {
                operands.add(operand.accept(this));
            }
            return new Matcher.And(operands);
        }

        @Override
        public Matcher visitOr(ConditionNode.Or or) {
            List<Matcher> operands = new ArrayList<>();
            for (ConditionNode operand : or.operands()) {
                operands.add(operand.accept(this));
            }
            return new Matcher.Or(operands);
        }

        @Override
        public Matcher visitNot(ConditionNode.Not not) {
            return new Matcher.Not(not.operand().accept(this));
        }

        @Override
        public Matcher visitSelector(ConditionNode.Selector selector) {
            List<Matcher> operands = new ArrayList<>();
            for (String name : selector.identifiers()) {
                operands.add(identifiers.get(name));
            }
            if (operands.size() == 1) {
                return operands.get(0);
            }
            return selector.quantifier() == ConditionNode.Quantifier.ALL
                    ? new Matcher.And(operands) : new Matcher.Or(operands);
        }
    }

    static Matcher compileDetection(SigmaDetection detection) {
        List<Matcher> children = new ArrayList<>();
        for (DetectionNode child : detection.children()) {
            if (child instanceof SigmaDetection nested) {
                children.add(compileDetection(nested));
            } else {
                children.add(compileItem((SigmaDetectionItem) child));
            }
        }
        if (children.isEmpty()) {
            return new Matcher.Constant(detection.linking() == SigmaDetection.Linking.AND);
        }
        if (children.size() == 1) {
            return children.get(0);
        }
        return detection.linking() == SigmaDetection.Linking.AND
                ? new Matcher.And(children) : new Matcher.Or(children);
    }

    static Matcher compileItem(SigmaDetectionItem item) {
        List<ValueTest> tests = new ArrayList<>();
        boolean hasFieldRef = false;
        for (SigmaValue value : item.values()) {
            SigmaValue effective = item.isKeyword() ? asSubstring(value) : value;
            tests.add(ValueTest.compile(effective));
            hasFieldRef |= containsFieldRef(value);
        }
        Matcher matcher = item.isKeyword()
                ? new Matcher.KeywordItem(tests, item.allValues(), item.toString())
                : new Matcher.FieldItem(item.field(), tests, item.allValues(), hasFieldRef,
                        item.toString());
        return item.negated() ? new Matcher.Not(matcher) : matcher;
    }

    private static boolean containsFieldRef(SigmaValue value) {
        if (value instanceof SigmaValue.FieldRefValue) {
            return true;
        }
        if (value instanceof SigmaValue.Expansion expansion) {
            for (SigmaValue alternative : expansion.alternatives()) {
                if (containsFieldRef(alternative)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Keywords match anywhere in a value: wrap strings and numbers in {@code *}. */
    static SigmaValue asSubstring(SigmaValue value) {
        if (value instanceof SigmaValue.StringValue string) {
            return new SigmaValue.StringValue(string.string().prependAnyRun().appendAnyRun(),
                    string.cased());
        }
        if (value instanceof SigmaValue.NumberValue number) {
            return new SigmaValue.StringValue(
                    SigmaString.literal(number.text()).prependAnyRun().appendAnyRun(), false);
        }
        if (value instanceof SigmaValue.Expansion expansion) {
            List<SigmaValue> alternatives = new ArrayList<>();
            for (SigmaValue alternative : expansion.alternatives()) {
                alternatives.add(asSubstring(alternative));
            }
            return new SigmaValue.Expansion(alternatives);
        }
        return value;
    }
}
