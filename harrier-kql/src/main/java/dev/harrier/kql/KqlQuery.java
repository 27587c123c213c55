package dev.harrier.kql;

import dev.harrier.core.rule.SigmaRule;
import java.util.List;

/**
 * A rule converted to KQL.
 *
 * @param rule the Sigma rule
 * @param target the target's name
 * @param route the route that chose the tables
 * @param tables the tables and ASIM parsers the query reads; empty for the {@code kql} target
 * @param text the KQL text: a whole query, or only the predicate for the {@code kql} target
 * @param warnings notes on where the query's meaning may differ from the rule's
 */
public record KqlQuery(
        SigmaRule rule,
        String target,
        TargetRoute route,
        List<String> tables,
        String text,
        List<String> warnings) {

    public KqlQuery {
        tables = List.copyOf(tables);
        warnings = List.copyOf(warnings);
    }
}
