package dev.harrier.kql;

import dev.harrier.core.rule.SigmaCorrelationRule;
import dev.harrier.core.rule.SigmaRule;
import dev.harrier.core.rule.SigmaRuleException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Renders a Sigma correlation as KQL: the events of each referenced rule, unioned, then {@code
 * summarize} per {@code bin(TimeGenerated, timespan)} and group-by columns, then the condition.
 */
final class CorrelationRenderer {
    /** The warning every correlation query carries. */
    static final String BIN_WARNING = "time bins approximate the sliding window: events less than"
            + " the timespan apart but on both sides of a bin boundary are counted in different bins";

    /** Column that contains the referenced rule's id or name in the union. */
    private static final String RULE_COLUMN = "SigmaRule";
    /** Column that contains the aggregated field's value in the union. */
    private static final String VALUE_COLUMN = "SigmaValue";
    private static final String TIME_COLUMN = "TimeGenerated";

    private final KqlTarget target;
    private final TableSchemas schemas;

    CorrelationRenderer(KqlTarget target, TableSchemas schemas) {
        this.target = target;
        this.schemas = schemas;
    }

    /** Renders the correlation over the rules it references, which must be among {@code rules}. */
    KqlQuery render(SigmaCorrelationRule correlation, List<SigmaRule> rules) {
        checkSupported(correlation);

        List<String> branches = new ArrayList<>();
        Set<String> tables = new LinkedHashSet<>();
        TargetRoute firstRoute = null;
        for (String reference : correlation.rules()) {
            SigmaRule rule = find(rules, reference);
            if (rule == null) {
                throw fail(correlation, "referenced rule '" + reference
                        + "' is not among the loaded rules (correlations of correlations are not"
                        + " supported)");
            }
            TargetRoute route = target.route(rule.logSource());
            if (route == null) {
                throw fail(correlation, "target " + target.name() + " has no table for log source "
                        + rule.logSource() + " of referenced rule '" + reference + "'");
            }
            firstRoute = firstRoute == null ? route : firstRoute;
            tables.addAll(KqlConverter.tables(route));
            branches.add(branch(correlation, rule, reference, route));
        }

        String query = summary(correlation, branches);
        List<String> warnings = new ArrayList<>();
        warnings.add(BIN_WARNING);
        if (correlation.type() == SigmaCorrelationRule.Type.VALUE_PERCENTILE
                || correlation.type() == SigmaCorrelationRule.Type.VALUE_MEDIAN) {
            warnings.add("KQL percentile() is an estimate");
        }
        return new KqlQuery(null, correlation, target.name(), firstRoute, List.copyOf(tables),
                query, warnings);
    }

    private void checkSupported(SigmaCorrelationRule correlation) {
        if (target.bare()) {
            throw fail(correlation, "target " + target.name()
                    + " emits a bare predicate, which cannot aggregate events");
        }
        if (correlation.type() == SigmaCorrelationRule.Type.TEMPORAL_ORDERED) {
            throw fail(correlation, "temporal_ordered correlations are not supported: KQL bins"
                    + " cannot check the order of the referenced rules' events");
        }
        if (correlation.type() != SigmaCorrelationRule.Type.EVENT_COUNT
                && !correlation.type().isTemporal() && correlation.fields().size() != 1) {
            throw fail(correlation, correlation.type().text()
                    + " needs exactly one field to aggregate, found " + correlation.fields());
        }
    }

    /** Returns the union of the branches, summarized per time bin and group, then tested. */
    private static String summary(SigmaCorrelationRule correlation, List<String> branches) {
        StringBuilder query = new StringBuilder();
        if (branches.size() == 1) {
            query.append(branches.get(0).replace("\n    ", "\n"));
        } else {
            query.append("union\n    (").append(String.join("),\n    (", branches)).append(")");
        }
        List<String> groups = new ArrayList<>();
        for (String group : correlation.groupBy()) {
            groups.add(KqlDialect.column(group));
        }
        if (!groups.isEmpty()) {
            // An event that lacks a group-by field takes no part, as in hunt.
            List<String> present = new ArrayList<>();
            for (String group : groups) {
                present.add("isnotempty(" + group + ")");
            }
            query.append("\n| where ").append(String.join(" and ", present));
        }
        query.append("\n| summarize ").append(aggregate(correlation)).append(" by bin(")
                .append(TIME_COLUMN).append(", ").append(timespan(correlation.timespan())).append(')');
        for (String group : groups) {
            query.append(", ").append(group);
        }
        query.append("\n| where ").append(condition(correlation));
        return query.toString();
    }

    private static SigmaRule find(List<SigmaRule> rules, String reference) {
        for (SigmaRule rule : rules) {
            if (reference.equals(rule.id()) || reference.equals(rule.name())) {
                return rule;
            }
        }
        return null;
    }

    /**
     * Renders one referenced rule's events with the columns the summary needs: the time, the
     * rule's reference, each group-by field under its Sigma name and the aggregated value.
     */
    private String branch(SigmaCorrelationRule correlation, SigmaRule rule, String reference,
            TargetRoute route) {
        FieldBinding fields = new FieldBinding(target, route, schemas);
        KqlExpression predicate;
        List<String> projections = new ArrayList<>();
        try {
            predicate = new PredicateRenderer(rule, fields).renderConditions();
            projections.add(TIME_COLUMN);
            projections.add(RULE_COLUMN + " = " + KqlDialect.string(reference));
            for (String group : correlation.groupBy()) {
                String field = aliased(correlation, group, rule);
                projections.add(KqlDialect.column(group) + " = " + columnText(fields, field, rule));
            }
            if (!correlation.fields().isEmpty()) {
                String field = aliased(correlation, correlation.fields().get(0), rule);
                projections.add(VALUE_COLUMN + " = " + columnText(fields, field, rule));
            }
        } catch (SigmaRuleException e) {
            throw e.at(rule.location());
        }
        String newline = "\n    ";
        return KqlConverter.sourceText(route, fields, newline) + newline + "| where "
                + predicate.render() + newline + "| project " + String.join(", ", projections);
    }

    private static String aliased(SigmaCorrelationRule correlation, String name, SigmaRule rule) {
        Map<String, String> perRule = correlation.aliases().get(name);
        if (perRule == null) {
            return name;
        }
        String field = rule.id() == null ? null : perRule.get(rule.id());
        if (field == null && rule.name() != null) {
            field = perRule.get(rule.name());
        }
        return field == null ? name : field;
    }

    /** Returns the single column holding a Sigma field, as string text. */
    private static String columnText(FieldBinding fields, String field, SigmaRule rule) {
        List<Column> columns = fields.resolve(field, rule.location());
        if (columns.size() != 1 || columns.get(0).fileNameOnly()) {
            throw new SigmaRuleException("correlation field '" + field
                    + "' needs exactly one column holding the whole value", rule.location(), field);
        }
        return KqlDialect.call("tostring", KqlDialect.column(columns.get(0).name()));
    }

    private static String aggregate(SigmaCorrelationRule correlation) {
        switch (correlation.type()) {
            case EVENT_COUNT:
                return "SigmaCount = count()";
            case VALUE_COUNT:
                // A missing value is not a distinct value, as in hunt.
                return "SigmaCount = count_distinctif(" + VALUE_COLUMN + ", isnotempty("
                        + VALUE_COLUMN + "))";
            case VALUE_SUM:
                return "SigmaCount = sum(todouble(" + VALUE_COLUMN + "))";
            case VALUE_AVG:
                return "SigmaCount = avg(todouble(" + VALUE_COLUMN + "))";
            case VALUE_PERCENTILE:
                return "SigmaCount = percentile(todouble(" + VALUE_COLUMN + "), "
                        + number(correlation.percentile() == null ? 50 : correlation.percentile())
                        + ")";
            case VALUE_MEDIAN:
                return "SigmaCount = percentile(todouble(" + VALUE_COLUMN + "), 50)";
            default:
                return "SigmaCount = count_distinct(" + RULE_COLUMN + ")";
        }
    }

    /** Returns the condition; a temporal correlation needs every referenced rule in the bin. */
    private static String condition(SigmaCorrelationRule correlation) {
        if (correlation.type().isTemporal()) {
            return "SigmaCount == " + correlation.rules().size();
        }
        List<String> tests = new ArrayList<>();
        for (Map.Entry<SigmaCorrelationRule.Operator, Double> entry
                : new java.util.TreeMap<>(correlation.condition()).entrySet()) {
            tests.add("SigmaCount " + operator(entry.getKey()) + " " + number(entry.getValue()));
        }
        return String.join(" and ", tests);
    }

    private static String operator(SigmaCorrelationRule.Operator operator) {
        switch (operator) {
            case GT:
                return ">";
            case GTE:
                return ">=";
            case LT:
                return "<";
            case LTE:
                return "<=";
            case EQ:
                return "==";
            default:
                return "!=";
        }
    }

    private static String number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15
                ? Long.toString((long) value) : Double.toString(value);
    }

    /** Returns a KQL timespan literal: {@code 30s}, {@code 5m}, {@code 1h} or {@code 2d}. */
    static String timespan(Duration duration) {
        long seconds = duration.getSeconds();
        if (seconds > 0 && seconds % 86400 == 0) {
            return seconds / 86400 + "d";
        }
        if (seconds > 0 && seconds % 3600 == 0) {
            return seconds / 3600 + "h";
        }
        if (seconds > 0 && seconds % 60 == 0) {
            return seconds / 60 + "m";
        }
        return seconds + "s";
    }

    private static SigmaRuleException fail(SigmaCorrelationRule correlation, String reason) {
        return new SigmaRuleException(reason, correlation.location(), correlation.reference());
    }
}
