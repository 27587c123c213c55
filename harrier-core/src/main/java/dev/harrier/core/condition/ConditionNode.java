package dev.harrier.core.condition;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A parsed rule condition. Nodes are immutable and print themselves in a compact canonical form,
 * for example {@code and(ref(selection),not(ref(filter)))}, which parser tests compare against.
 */
public sealed interface ConditionNode {

    /** Calls the visitor method for this node's kind. */
    <R> R accept(Visitor<R> visitor);

    /** The canonical dump of this node. */
    String dump();

    /** Operations over condition trees, one method per node kind. */
    interface Visitor<R> {
        R visitRef(Ref ref);

        R visitAnd(And and);

        R visitOr(Or or);

        R visitNot(Not not);

        R visitSelector(Selector selector);
    }

    /** A search identifier. */
    record Ref(String name) implements ConditionNode {
        public Ref {
            Objects.requireNonNull(name, "name");
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitRef(this);
        }

        @Override
        public String dump() {
            return "ref(" + name + ")";
        }
    }

    /** All operands must hold. */
    record And(List<ConditionNode> operands) implements ConditionNode {
        public And {
            operands = List.copyOf(operands);
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitAnd(this);
        }

        @Override
        public String dump() {
            return operands.stream().map(ConditionNode::dump).collect(Collectors.joining(",", "and(", ")"));
        }
    }

    /** Any operand must hold. */
    record Or(List<ConditionNode> operands) implements ConditionNode {
        public Or {
            operands = List.copyOf(operands);
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitOr(this);
        }

        @Override
        public String dump() {
            return operands.stream().map(ConditionNode::dump).collect(Collectors.joining(",", "or(", ")"));
        }
    }

    /** The operand must not hold. */
    record Not(ConditionNode operand) implements ConditionNode {
        public Not {
            Objects.requireNonNull(operand, "operand");
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitNot(this);
        }

        @Override
        public String dump() {
            return "not(" + operand.dump() + ")";
        }
    }

    /** The quantifier of a selector. */
    enum Quantifier {
        /** {@code 1 of} or {@code any of}: any identifier must hold. */
        ANY,
        /** {@code all of}: every identifier must hold. */
        ALL
    }

    /**
     * {@code 1 of pattern}, {@code any of pattern} or {@code all of pattern}, with the identifiers
     * the pattern selected, in the order the rule defines them.
     */
    record Selector(Quantifier quantifier, String pattern, List<String> identifiers)
            implements ConditionNode {
        public Selector {
            identifiers = List.copyOf(identifiers);
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitSelector(this);
        }

        @Override
        public String dump() {
            return (quantifier == Quantifier.ANY ? "anyof(" : "allof(") + pattern + "="
                    + String.join(",", identifiers) + ")";
        }
    }
}
