package dev.harrier.core.value;

import com.google.re2j.Pattern;
import inet.ipaddr.IPAddress;
import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * One value of a detection item after its modifiers have been applied. The set of kinds is closed:
 * matchers and renderers handle each one.
 */
public sealed interface SigmaValue {

    /** A string with wildcards, compared as a whole value (case-insensitively unless {@code cased}). */
    record StringValue(SigmaString string, boolean cased) implements SigmaValue {
        public StringValue {
            Objects.requireNonNull(string, "string");
        }

        @Override
        public String toString() {
            return (cased ? "cased:" : "") + "'" + string.toSigmaText() + "'";
        }
    }

    /**
     * A number from the rule, compared by canonical text ({@code 4624} equals {@code "4624"}).
     *
     * @param text the canonical decimal text
     */
    record NumberValue(String text, BigDecimal number) implements SigmaValue {
        @Override
        public String toString() {
            return text;
        }
    }

    /** A YAML boolean, equal to a boolean field or to the text {@code true}/{@code false}. */
    record BoolValue(boolean value) implements SigmaValue {
        @Override
        public String toString() {
            return Boolean.toString(value);
        }
    }

    /** {@code null}: the field is absent or JSON null. */
    enum NullValue implements SigmaValue {
        INSTANCE;

        @Override
        public String toString() {
            return "null";
        }
    }

    /** A regular expression in RE2 syntax, searched for anywhere in the value. */
    record RegexValue(String regex, boolean ignoreCase, boolean multiLine, boolean dotAll,
            Pattern pattern) implements SigmaValue {
        @Override
        public String toString() {
            String flags = (ignoreCase ? "i" : "") + (multiLine ? "m" : "") + (dotAll ? "s" : "");
            return "re" + (flags.isEmpty() ? "" : "(" + flags + ")") + ":/" + regex + "/";
        }
    }

    /** An IPv4 or IPv6 network; the value matches an address inside it. */
    record CidrValue(String text, IPAddress network) implements SigmaValue {
        @Override
        public String toString() {
            return "cidr:" + text;
        }
    }

    /** How a field reference compares the two fields. */
    enum FieldRefKind {
        EQUALS,
        STARTS_WITH,
        ENDS_WITH,
        CONTAINS
    }

    /** The value of another field of the same event ({@code fieldref}). */
    record FieldRefValue(String field, FieldRefKind kind, boolean cased) implements SigmaValue {
        @Override
        public String toString() {
            return "fieldref(" + kind.name().toLowerCase(java.util.Locale.ROOT) + "):" + field;
        }
    }

    /** {@code exists}: whether the field is present at all. */
    record ExistsValue(boolean present) implements SigmaValue {
        @Override
        public String toString() {
            return "exists:" + present;
        }
    }

    /** A numeric comparison operator. */
    enum CompareOp {
        EQ("=="),
        GT(">"),
        GTE(">="),
        LT("<"),
        LTE("<=");

        private final String symbol;

        CompareOp(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }

        public boolean test(int comparison) {
            switch (this) {
                case EQ:
                    return comparison == 0;
                case GT:
                    return comparison > 0;
                case GTE:
                    return comparison >= 0;
                case LT:
                    return comparison < 0;
                default:
                    return comparison <= 0;
            }
        }
    }

    /** A part of a date-time field, taken by the {@code minute} ... {@code year} modifiers. */
    enum TimePart {
        MINUTE,
        HOUR,
        DAY,
        WEEK,
        MONTH,
        YEAR
    }

    /**
     * A numeric comparison ({@code gt}, {@code gte}, {@code lt}, {@code lte}), or a time-part test
     * when {@code timePart} is set (equality unless combined with a comparison).
     */
    record CompareValue(CompareOp op, BigDecimal number, TimePart timePart) implements SigmaValue {
        @Override
        public String toString() {
            String part = timePart == null ? "" : timePart.name().toLowerCase(java.util.Locale.ROOT) + " ";
            return part + op.symbol() + " " + number.toPlainString();
        }
    }

    /**
     * Alternatives that one rule value expanded into ({@code windash}, {@code base64offset}, {@code
     * expand}): the value matches when any alternative does, even under {@code all}.
     */
    record Expansion(List<SigmaValue> alternatives) implements SigmaValue {
        public Expansion {
            alternatives = List.copyOf(alternatives);
        }

        @Override
        public String toString() {
            return "any" + alternatives;
        }
    }
}
