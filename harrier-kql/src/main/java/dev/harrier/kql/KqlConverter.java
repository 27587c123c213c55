package dev.harrier.kql;

import dev.harrier.core.rule.SigmaCorrelationRule;
import dev.harrier.core.rule.SigmaRule;
import dev.harrier.core.rule.SigmaRuleException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Converts Sigma rules to KQL for one target. Instances are immutable and thread-safe.
 *
 * <p>A rule the target cannot express exactly fails with a {@link SigmaRuleException} that names
 * the rule's location and the reason; nothing is dropped or approximated silently.
 */
public final class KqlConverter {
    private static final String SYSMON_PROVIDER = "Microsoft-Windows-Sysmon";
    private static final Pattern WHERE_COLUMN = Pattern.compile("\\b([A-Z][A-Za-z0-9_]*)\\s*(=~|==|in\\b)");

    private final KqlTarget target;
    private final TableSchemas schemas;

    public KqlConverter(KqlTarget target, TableSchemas schemas) {
        this.target = target;
        this.schemas = schemas;
    }

    /** Returns a converter for a bundled target with the bundled table schemas. */
    public static KqlConverter forTarget(String name) {
        return new KqlConverter(KqlTarget.bundled(name), TableSchemas.bundled());
    }

    public KqlTarget target() {
        return target;
    }

    /**
     * Converts one rule.
     *
     * @throws SigmaRuleException when the target has no table for the rule's log source or cannot
     *     express one of its tests. The exception carries the location and the reason.
     */
    public KqlQuery convert(SigmaRule rule) {
        TargetRoute route = target.route(rule.logSource());
        if (route == null) {
            throw new SigmaRuleException("target " + target.name() + " has no table for log source "
                    + rule.logSource(), rule.location(), rule.logSource().toString());
        }
        FieldBinding fields = new FieldBinding(target, route, schemas);
        try {
            KqlExpression predicate = new PredicateRenderer(rule, fields).renderConditions();
            List<String> warnings = new ArrayList<>();
            String text = target.bare()
                    ? bareText(route, predicate)
                    : queryText(route, fields, predicate);
            return new KqlQuery(rule, null, target.name(), route, tables(route), text, warnings);
        } catch (SigmaRuleException e) {
            throw e.at(rule.location());
        }
    }

    /**
     * Converts a correlation over the rules it references, which must be among {@code rules}.
     *
     * @throws SigmaRuleException when the target cannot express the correlation or one of its
     *     rules. The exception carries the location and the reason.
     */
    public KqlQuery convertCorrelation(SigmaCorrelationRule correlation, List<SigmaRule> rules) {
        return new CorrelationRenderer(target, schemas).render(correlation, rules);
    }

    private static String bareText(TargetRoute route, KqlExpression predicate) {
        if (route.where() == null) {
            return predicate.render();
        }
        return KqlExpression.and(List.of(KqlExpression.term(route.where()), predicate)).render();
    }

    static List<String> tables(TargetRoute route) {
        if (route.sysmon()) {
            return List.of("Event", "WindowsEvent");
        }
        return route.table() == null ? List.of() : List.of(route.table());
    }

    private static String queryText(TargetRoute route, FieldBinding fields, KqlExpression predicate) {
        String where = predicate.render();
        return sourceText(route, fields, "\n") + "\n| where " + where;
    }

    /**
     * Returns the tabular source of a route: the table or Sysmon union, its restriction and the
     * derived columns the rule uses, each operator on a new line after {@code newline}.
     */
    static String sourceText(TargetRoute route, FieldBinding fields, String newline) {
        StringBuilder query = new StringBuilder();
        if (route.sysmon()) {
            query.append(sysmonSource(route, fields).replace("\n", newline));
        } else {
            query.append(route.table());
        }
        if (route.where() != null) {
            query.append(newline).append("| where ").append(route.where());
        }
        if (!route.sysmon()) {
            for (Map.Entry<String, String> derived : fields.derivedUsed().entrySet()) {
                query.append(newline).append("| extend ").append(KqlDialect.column(derived.getKey()))
                        .append(" = ").append(derived.getValue());
            }
        }
        return query.toString();
    }

    /**
     * Builds the union of Sysmon events from the {@code Event} table, whose EventData is XML text
     * parsed with {@code parse_xml}, and the {@code WindowsEvent} table, whose EventData is
     * dynamic. Each branch adds one string column per Sigma field the rule or route uses.
     */
    private static String sysmonSource(TargetRoute route, FieldBinding fields) {
        List<String> names = new ArrayList<>(fields.sysmonFields());
        if (route.where() != null) {
            Matcher matcher = WHERE_COLUMN.matcher(route.where());
            while (matcher.find()) {
                if (!names.contains(matcher.group(1))) {
                    names.add(matcher.group(1));
                }
            }
        }
        String ids = eventIdFilter(route.sysmonEventIds());
        StringBuilder event = new StringBuilder("Event\n    | where Source == ")
                .append(KqlDialect.string(SYSMON_PROVIDER)).append(ids);
        StringBuilder windowsEvent = new StringBuilder("WindowsEvent\n    | where Provider == ")
                .append(KqlDialect.string(SYSMON_PROVIDER)).append(ids);
        if (!names.isEmpty()) {
            event.append("\n    | extend SysmonData = parse_xml(EventData).DataItem.EventData.Data")
                    .append("\n    | mv-apply SysmonItem = SysmonData on (summarize SysmonFields ="
                            + " make_bag(bag_pack(tostring(SysmonItem[\"@Name\"]),"
                            + " tostring(SysmonItem[\"#text\"]))))")
                    .append("\n    | extend ").append(extracts(names, "SysmonFields"));
            windowsEvent.append("\n    | extend ").append(extracts(names, "EventData"));
        }
        return "union isfuzzy=true\n    (" + event + "),\n    (" + windowsEvent + ")";
    }

    private static String eventIdFilter(List<Integer> ids) {
        if (ids.isEmpty()) {
            return "";
        }
        if (ids.size() == 1) {
            return " and EventID == " + ids.get(0);
        }
        List<String> texts = new ArrayList<>();
        for (Integer id : ids) {
            texts.add(id.toString());
        }
        return " and EventID in (" + String.join(", ", texts) + ")";
    }

    private static String extracts(List<String> names, String bag) {
        List<String> parts = new ArrayList<>();
        for (String name : names) {
            parts.add(KqlDialect.column(name) + " = tostring(" + bag + "["
                    + KqlDialect.string(name) + "])");
        }
        return String.join(", ", parts);
    }
}
