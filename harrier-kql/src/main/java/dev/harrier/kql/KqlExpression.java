package dev.harrier.kql;

import java.util.ArrayList;
import java.util.List;

/**
 * A KQL boolean expression under construction. Rendering adds only the parentheses KQL needs:
 * {@code and} binds tighter than {@code or}, and {@code not(...)} is a function call.
 */
public sealed interface KqlExpression {

    /** Returns the KQL text of this expression as a whole predicate. */
    String render();

    /** A predicate that needs no parentheses: a comparison or a function call. */
    record Term(String text) implements KqlExpression {
        @Override
        public String render() {
            return text;
        }
    }

    /** All operands must hold. */
    record And(List<KqlExpression> operands) implements KqlExpression {
        public And {
            operands = List.copyOf(operands);
        }

        @Override
        public String render() {
            List<String> parts = new ArrayList<>(operands.size());
            for (KqlExpression operand : operands) {
                String text = operand.render();
                parts.add(operand instanceof Or ? "(" + text + ")" : text);
            }
            return String.join(" and ", parts);
        }
    }

    /** Any operand must hold. */
    record Or(List<KqlExpression> operands) implements KqlExpression {
        public Or {
            operands = List.copyOf(operands);
        }

        @Override
        public String render() {
            List<String> parts = new ArrayList<>(operands.size());
            for (KqlExpression operand : operands) {
                parts.add(operand.render());
            }
            return String.join(" or ", parts);
        }
    }

    /** The operand must not hold. */
    record Not(KqlExpression operand) implements KqlExpression {
        @Override
        public String render() {
            return KqlDialect.not(operand.render());
        }
    }

    static KqlExpression term(String text) {
        return new Term(text);
    }

    /** Returns the conjunction, flattening nested {@code and}s; one operand is returned as is. */
    static KqlExpression and(List<KqlExpression> operands) {
        List<KqlExpression> flat = new ArrayList<>();
        for (KqlExpression operand : operands) {
            if (operand instanceof And and) {
                flat.addAll(and.operands());
            } else {
                flat.add(operand);
            }
        }
        return flat.size() == 1 ? flat.get(0) : new And(flat);
    }

    /** Returns the disjunction, flattening nested {@code or}s; one operand is returned as is. */
    static KqlExpression or(List<KqlExpression> operands) {
        List<KqlExpression> flat = new ArrayList<>();
        for (KqlExpression operand : operands) {
            if (operand instanceof Or or) {
                flat.addAll(or.operands());
            } else {
                flat.add(operand);
            }
        }
        return flat.size() == 1 ? flat.get(0) : new Or(flat);
    }

    static KqlExpression not(KqlExpression operand) {
        return new Not(operand);
    }
}
