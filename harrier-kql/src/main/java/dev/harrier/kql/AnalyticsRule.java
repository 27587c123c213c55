package dev.harrier.kql;

import dev.harrier.core.rule.SigmaLevel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Microsoft Sentinel scheduled analytics rule built from a converted Sigma rule, with the fields
 * the Azure-Sentinel repository's detection template checks require: id, name, description,
 * severity, requiredDataConnectors, queryFrequency, queryPeriod, triggerOperator,
 * triggerThreshold, tactics, relevantTechniques, query, entityMappings, version and kind.
 *
 * @param fields the rule's fields in the order the YAML writes them
 */
public record AnalyticsRule(Map<String, Object> fields) {
    /** Default schedule: run hourly over the last hour. */
    public static final String DEFAULT_FREQUENCY = "1h";

    /** Maximum length the Azure-Sentinel checks allow for the name. */
    private static final int MAX_NAME = 256;
    /** Maximum length the Azure-Sentinel checks allow for the description. */
    private static final int MAX_DESCRIPTION = 5000;
    /** Maximum query period of a Sentinel scheduled rule, in minutes (14 days). */
    private static final long MAX_PERIOD_MINUTES = 14 * 1440;

    private static final Pattern TECHNIQUE = Pattern.compile("attack\\.(t\\d{4}(?:\\.\\d{3})?)");
    private static final List<String> TACTICS = List.of(
            "InitialAccess", "Execution", "Persistence", "PrivilegeEscalation", "DefenseEvasion",
            "CredentialAccess", "Discovery", "LateralMovement", "Collection", "Exfiltration",
            "CommandAndControl", "Impact", "Reconnaissance", "ResourceDevelopment");

    public AnalyticsRule {
        fields = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    /**
     * Builds the analytics rule for a converted query.
     *
     * @throws IllegalArgumentException when the rule has no id, which the analytics rule needs
     */
    public static AnalyticsRule of(KqlQuery query, KqlTarget target) {
        if (query.id() == null) {
            throw new IllegalArgumentException("rule '" + query.title()
                    + "' has no id; an analytics rule needs a GUID id");
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("id", query.id());
        fields.put("name", truncate(query.title(), MAX_NAME));
        fields.put("description", truncate(description(query), MAX_DESCRIPTION));
        fields.put("severity", severity(query.level()));
        fields.put("requiredDataConnectors", connectors(query, target));
        fields.put("queryFrequency", DEFAULT_FREQUENCY);
        fields.put("queryPeriod", queryPeriod(query));
        fields.put("triggerOperator", "gt");
        fields.put("triggerThreshold", 0);
        fields.put("tactics", tactics(query.tags()));
        fields.put("relevantTechniques", techniques(query.tags()));
        fields.put("query", query.text());
        // A correlation's summarize keeps only the window, the group-by columns and the aggregate.
        List<Map<String, Object>> entities =
                query.rule() == null ? List.of() : entityMappings(query.route());
        if (!entities.isEmpty()) {
            fields.put("entityMappings", entities);
        }
        fields.put("version", "1.0.0");
        fields.put("kind", "Scheduled");
        return new AnalyticsRule(fields);
    }

    /**
     * Returns the query period: one hour, or a correlation's timespan when longer, so that each
     * run covers whole windows.
     *
     * @throws IllegalArgumentException when the timespan exceeds the 14 days Sentinel allows
     */
    static String queryPeriod(KqlQuery query) {
        if (query.correlation() == null) {
            return DEFAULT_FREQUENCY;
        }
        long minutes = (query.correlation().timespan().toSeconds() + 59) / 60;
        if (minutes > MAX_PERIOD_MINUTES) {
            throw new IllegalArgumentException("correlation '" + query.title() + "' has timespan "
                    + query.correlation().timespan() + ", longer than the 14 days a Sentinel"
                    + " query period allows");
        }
        if (minutes <= 60) {
            return DEFAULT_FREQUENCY;
        }
        if (minutes % 1440 == 0) {
            return minutes / 1440 + "d";
        }
        return minutes % 60 == 0 ? minutes / 60 + "h" : minutes + "m";
    }

    private static String description(KqlQuery query) {
        StringBuilder text = new StringBuilder(
                query.description() == null ? query.title() : query.description().strip());
        if (!query.references().isEmpty()) {
            text.append("\nReferences:");
            for (String reference : query.references()) {
                text.append("\n- ").append(reference);
            }
        }
        return text.toString();
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }

    /** Maps the Sigma level. Sentinel has no Critical, so critical becomes High. */
    static String severity(SigmaLevel level) {
        if (level == null) {
            return "Medium";
        }
        switch (level) {
            case INFORMATIONAL:
                return "Informational";
            case LOW:
                return "Low";
            case MEDIUM:
                return "Medium";
            default:
                return "High";
        }
    }

    /** Converts {@code attack.lateral-movement} to {@code LateralMovement}, for known tactics. */
    static List<String> tactics(List<String> tags) {
        Set<String> tactics = new LinkedHashSet<>();
        for (String tag : tags) {
            String lower = tag.toLowerCase(Locale.ROOT);
            if (!lower.startsWith("attack.")) {
                continue;
            }
            StringBuilder pascal = new StringBuilder();
            for (String word : lower.substring(7).split("[-_]")) {
                if (!word.isEmpty()) {
                    pascal.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
                }
            }
            String tactic = pascal.toString();
            if (TACTICS.contains(tactic)) {
                tactics.add(tactic);
            }
        }
        return new ArrayList<>(tactics);
    }

    /** Converts {@code attack.t1136.002} to {@code T1136.002}. */
    static List<String> techniques(List<String> tags) {
        Set<String> techniques = new LinkedHashSet<>();
        for (String tag : tags) {
            Matcher matcher = TECHNIQUE.matcher(tag.toLowerCase(Locale.ROOT));
            if (matcher.matches()) {
                techniques.add(matcher.group(1).toUpperCase(Locale.ROOT));
            }
        }
        return new ArrayList<>(techniques);
    }

    private static List<Map<String, Object>> connectors(KqlQuery query, KqlTarget target) {
        Map<String, List<String>> byConnector = new LinkedHashMap<>();
        for (String table : query.tables()) {
            String connector = target.connectors().get(table);
            if (connector != null) {
                byConnector.computeIfAbsent(connector, key -> new ArrayList<>()).add(table);
            }
        }
        List<Map<String, Object>> connectors = new ArrayList<>();
        byConnector.forEach((id, tables) -> {
            Map<String, Object> connector = new LinkedHashMap<>();
            connector.put("connectorId", id);
            connector.put("dataTypes", tables);
            connectors.add(connector);
        });
        return connectors;
    }

    /**
     * Builds the entity mappings of a route. An entry is {@code Type: Column}, mapped with the
     * type's usual identifier (Host FullName, Account Name, File Name), or {@code Type:
     * Identifier=Column}.
     */
    private static List<Map<String, Object>> entityMappings(TargetRoute route) {
        List<Map<String, Object>> mappings = new ArrayList<>();
        route.entities().forEach((type, spec) -> {
            int equals = spec.indexOf('=');
            String identifier = equals >= 0 ? spec.substring(0, equals)
                    : "Host".equals(type) ? "FullName" : "Name";
            String column = equals >= 0 ? spec.substring(equals + 1) : spec;
            Map<String, Object> field = new LinkedHashMap<>();
            field.put("identifier", identifier);
            field.put("columnName", column);
            Map<String, Object> mapping = new LinkedHashMap<>();
            mapping.put("entityType", type);
            mapping.put("fieldMappings", List.of(field));
            mappings.add(mapping);
        });
        mappings.sort(java.util.Comparator.comparing(m -> String.valueOf(m.get("entityType"))));
        return mappings;
    }
}
