package dev.harrier.kql;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;

/** Writes analytics rules as Azure-Sentinel YAML files and as ARM templates. */
public final class RuleDocuments {
    /**
     * API version of the {@code alertRules} resource. NOTE: chosen from the Microsoft.SecurityInsights
     * API versions that accept {@code subTechniques}; a deployment has not been run here.
     */
    static final String ALERT_RULES_API_VERSION = "2023-12-01-preview";

    private RuleDocuments() {}

    /** Returns the rule as Azure-Sentinel analytics-rule YAML; multi-line text is a literal block. */
    public static String yaml(AnalyticsRule rule) {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setIndent(2);
        options.setIndicatorIndent(2);
        options.setIndentWithIndicator(true);
        options.setWidth(Integer.MAX_VALUE);
        return new Yaml(new LiteralRepresenter(options), options).dump(rule.fields());
    }

    /** Returns a deployable ARM template that creates the rule in a workspace parameter. */
    public static String armTemplate(AnalyticsRule rule) {
        Map<String, Object> fields = rule.fields();
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("displayName", fields.get("name"));
        properties.put("description", fields.get("description"));
        properties.put("severity", fields.get("severity"));
        properties.put("enabled", true);
        properties.put("query", fields.get("query"));
        properties.put("queryFrequency", isoDuration((String) fields.get("queryFrequency")));
        properties.put("queryPeriod", isoDuration((String) fields.get("queryPeriod")));
        properties.put("triggerOperator", "GreaterThan");
        properties.put("triggerThreshold", fields.get("triggerThreshold"));
        properties.put("suppressionDuration", "PT5H");
        properties.put("suppressionEnabled", false);
        properties.put("tactics", fields.get("tactics"));
        List<String> techniques = new ArrayList<>();
        List<String> subTechniques = new ArrayList<>();
        splitTechniques(fields.get("relevantTechniques"), techniques, subTechniques);
        properties.put("techniques", techniques);
        properties.put("subTechniques", subTechniques);
        if (fields.containsKey("entityMappings")) {
            properties.put("entityMappings", fields.get("entityMappings"));
        }

        Map<String, Object> resource = new LinkedHashMap<>();
        resource.put("type", "Microsoft.OperationalInsights/workspaces/providers/alertRules");
        resource.put("name", "[concat(parameters('workspace'), '/Microsoft.SecurityInsights/', '"
                + fields.get("id") + "')]");
        resource.put("apiVersion", ALERT_RULES_API_VERSION);
        resource.put("kind", fields.get("kind"));
        resource.put("properties", properties);

        Map<String, Object> workspace = new LinkedHashMap<>();
        workspace.put("type", "string");
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("description", "Name of the Log Analytics workspace with Microsoft Sentinel");
        workspace.put("metadata", metadata);

        Map<String, Object> template = new LinkedHashMap<>();
        template.put("$schema",
                "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#");
        template.put("contentVersion", "1.0.0.0");
        template.put("parameters", Map.of("workspace", workspace));
        template.put("resources", List.of(resource));
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(template) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write ARM template", e);
        }
    }

    private static void splitTechniques(
            Object relevant, List<String> techniques, List<String> subTechniques) {
        Set<String> parents = new LinkedHashSet<>();
        for (Object item : (List<?>) relevant) {
            String id = String.valueOf(item);
            int dot = id.indexOf('.');
            parents.add(dot < 0 ? id : id.substring(0, dot));
            if (dot >= 0) {
                subTechniques.add(id);
            }
        }
        techniques.addAll(parents);
    }

    /** Converts {@code 1h}, {@code 30m} or {@code 2d} to ISO 8601 ({@code PT1H}, {@code P2D}). */
    static String isoDuration(String duration) {
        char unit = duration.charAt(duration.length() - 1);
        String amount = duration.substring(0, duration.length() - 1);
        switch (unit) {
            case 'm':
                return "PT" + amount + "M";
            case 'h':
                return "PT" + amount + "H";
            case 'd':
                return "P" + amount + "D";
            default:
                throw new IllegalArgumentException("invalid duration, expected <n>m|h|d: " + duration);
        }
    }

    /** Writes multi-line strings as literal blocks, so the query stays readable. */
    private static final class LiteralRepresenter extends Representer {
        LiteralRepresenter(DumperOptions options) {
            super(options);
            this.representers.put(String.class, data -> {
                String text = (String) data;
                if (text.contains("\n")) {
                    return representScalar(Tag.STR, text, DumperOptions.ScalarStyle.LITERAL);
                }
                return representScalar(Tag.STR, text);
            });
        }
    }
}
