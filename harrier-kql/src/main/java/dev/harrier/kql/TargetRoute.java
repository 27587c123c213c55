package dev.harrier.kql;

import dev.harrier.core.rule.SigmaLogSource;
import java.util.List;
import java.util.Map;

/**
 * A target's mapping for one log source: the table or ASIM parser, the rows of it that the log
 * source means, and how Sigma field names become columns.
 *
 * @param category the log source category this route serves, or null for any
 * @param product the product, or null for any
 * @param service the service, or null for any
 * @param table the table or ASIM parser; null for the {@code kql} target and for Sysmon routes
 * @param sysmonEventIds the Sysmon event ids to read from the {@code Event} and {@code WindowsEvent}
 *     tables, or empty when the route reads {@code table}; a Sysmon route with no ids reads every
 *     Sysmon event
 * @param sysmon whether the route reads Sysmon events from {@code Event} and {@code WindowsEvent}
 * @param where a KQL predicate restricting the rows to the log source's kind, or null
 * @param fields Sigma field name to the columns holding it; several columns are OR-linked
 * @param derived column name to the KQL expression that computes it, added with {@code extend}
 *     when a rule uses it
 * @param passThrough whether a Sigma field that is neither mapped nor derived may name a column of
 *     the table directly; only safe where the table's columns carry the event's own field names
 * @param entities analytics-rule entity type ({@code Host}, {@code Account}, {@code File}) to the
 *     column that identifies it, written {@code Column} or {@code Identifier=Column}
 */
public record TargetRoute(
        String category,
        String product,
        String service,
        String table,
        boolean sysmon,
        List<Integer> sysmonEventIds,
        String where,
        Map<String, List<FieldColumn>> fields,
        Map<String, String> derived,
        boolean passThrough,
        Map<String, String> entities) {

    /**
     * A column one Sigma field maps to.
     *
     * @param column the column name
     * @param fileNameOnly whether the column holds only the file name of the Sigma field's path
     */
    public record FieldColumn(String column, boolean fileNameOnly) {}

    public TargetRoute {
        sysmonEventIds = List.copyOf(sysmonEventIds);
        fields = Map.copyOf(fields);
        derived = Map.copyOf(derived);
        entities = Map.copyOf(entities);
    }

    /** Returns whether this route serves the log source. */
    public boolean serves(SigmaLogSource source) {
        return matches(category, source.category())
                && matches(product, source.product())
                && matches(service, source.service());
    }

    private static boolean matches(String expected, String actual) {
        return expected == null || expected.equals(actual);
    }

    /** Returns the log source this route serves, as Sigma writes it. */
    public String logSourceText() {
        return SigmaLogSource.of(category, product, service).toString();
    }
}
