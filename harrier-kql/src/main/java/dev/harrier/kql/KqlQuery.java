package dev.harrier.kql;

import dev.harrier.core.rule.SigmaCorrelationRule;
import dev.harrier.core.rule.SigmaLevel;
import dev.harrier.core.rule.SigmaRule;
import dev.harrier.core.rule.SourceLocation;
import java.util.List;

/**
 * A rule or correlation converted to KQL.
 *
 * @param rule the Sigma rule, or null when a correlation was converted
 * @param correlation the Sigma correlation, or null when a rule was converted
 * @param target the target's name
 * @param route the route that chose the tables (of the first referenced rule for a correlation)
 * @param tables the tables and ASIM parsers the query reads; empty for the {@code kql} target
 * @param text the KQL text: a whole query, or only the predicate for the {@code kql} target
 * @param warnings notes on where the query's meaning may differ from the rule's
 */
public record KqlQuery(
        SigmaRule rule,
        SigmaCorrelationRule correlation,
        String target,
        TargetRoute route,
        List<String> tables,
        String text,
        List<String> warnings) {

    public KqlQuery {
        tables = List.copyOf(tables);
        warnings = List.copyOf(warnings);
    }

    /** Returns the rule's or correlation's id, or null. */
    public String id() {
        return rule != null ? rule.id() : correlation.id();
    }

    public String title() {
        return rule != null ? rule.title() : correlation.title();
    }

    /** Returns the description, or null. */
    public String description() {
        return rule != null ? rule.description() : correlation.description();
    }

    /** Returns the level, or null. */
    public SigmaLevel level() {
        return rule != null ? rule.level() : correlation.level();
    }

    public List<String> tags() {
        return rule != null ? rule.tags() : correlation.tags();
    }

    /** Returns the rule's references, or an empty list for a correlation. */
    public List<String> references() {
        return rule != null ? rule.references() : List.of();
    }

    public SourceLocation location() {
        return rule != null ? rule.location() : correlation.location();
    }
}
