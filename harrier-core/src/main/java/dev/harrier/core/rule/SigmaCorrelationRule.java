package dev.harrier.core.rule;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A Sigma correlation rule (specification v2.1): it fires when the rules it references match
 * events in a pattern within a time window, per group of events that share the {@code group-by}
 * values.
 *
 * @param rules ids or names of the referenced rules or correlations, in the order written
 * @param groupBy field names (or aliases) whose values form the group key
 * @param timespan the sliding window length
 * @param condition the count or aggregate test: each entry an operator and a bound, all of which
 *     must hold (a range such as {@code gt: 100} and {@code lte: 200}); empty for temporal types,
 *     which then require every referenced rule
 * @param fields the aggregated field for the {@code value_*} types (several for value_count,
 *     whose values are combined); empty otherwise
 * @param percentile the percentile (0 to 100) for value_percentile, else null
 * @param aliases alias name to (referenced rule id or name to that rule's field)
 * @param generate whether the referenced rules also produce matches of their own
 */
public record SigmaCorrelationRule(
        String id,
        String name,
        String title,
        String status,
        String description,
        SigmaLevel level,
        List<String> tags,
        Type type,
        List<String> rules,
        List<String> groupBy,
        Duration timespan,
        Map<Operator, Double> condition,
        List<String> fields,
        Double percentile,
        Map<String, Map<String, String>> aliases,
        boolean generate,
        SourceLocation location) {

    /** The correlation types of Sigma v2.1, with value_median from pySigma. */
    public enum Type {
        EVENT_COUNT,
        VALUE_COUNT,
        TEMPORAL,
        TEMPORAL_ORDERED,
        VALUE_SUM,
        VALUE_AVG,
        VALUE_PERCENTILE,
        VALUE_MEDIAN;

        /** Returns the name as written in rules, such as {@code event_count}. */
        public String text() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** Returns the type named {@code text}, or null. */
        public static Type parse(String text) {
            for (Type type : values()) {
                if (type.text().equals(text)) {
                    return type;
                }
            }
            return null;
        }

        public boolean isTemporal() {
            return this == TEMPORAL || this == TEMPORAL_ORDERED;
        }
    }

    /** A condition operator. */
    public enum Operator {
        GT,
        GTE,
        LT,
        LTE,
        EQ,
        NEQ;

        public String text() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** Returns true when {@code value} satisfies {@code value <op> bound}. */
        public boolean test(double value, double bound) {
            switch (this) {
                case GT:
                    return value > bound;
                case GTE:
                    return value >= bound;
                case LT:
                    return value < bound;
                case LTE:
                    return value <= bound;
                case EQ:
                    return value == bound;
                default:
                    return value != bound;
            }
        }
    }

    public SigmaCorrelationRule {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(timespan, "timespan");
        Objects.requireNonNull(location, "location");
        tags = List.copyOf(tags);
        rules = List.copyOf(rules);
        groupBy = List.copyOf(groupBy);
        condition = Map.copyOf(condition);
        fields = List.copyOf(fields);
        aliases = Map.copyOf(aliases);
    }

    /** Returns true when every condition entry holds for {@code value}. */
    public boolean conditionHolds(double value) {
        for (Map.Entry<Operator, Double> entry : condition.entrySet()) {
            if (!entry.getKey().test(value, entry.getValue())) {
                return false;
            }
        }
        return true;
    }

    /** Returns the id when the rule has one, else its name, else its title. */
    public String reference() {
        if (id != null) {
            return id;
        }
        return name != null ? name : title;
    }
}
