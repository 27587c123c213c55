package dev.harrier.core.rule;

import dev.harrier.core.condition.ConditionNode;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A Sigma detection rule, checked and with its conditions parsed. Field names follow pySigma's rule
 * model.
 *
 * @param id the rule's UUID, or null
 * @param name the unique name correlations and filters may use, or null
 * @param detections search identifiers in definition order
 * @param conditions the condition texts; several are OR-linked
 * @param parsedConditions the parsed form of each condition
 * @param location where the rule document starts
 */
public record SigmaRule(
        String id,
        String name,
        String title,
        String status,
        String description,
        SigmaLevel level,
        List<String> tags,
        List<String> references,
        String author,
        String date,
        String modified,
        List<String> falsePositives,
        List<String> fields,
        SigmaLogSource logSource,
        Map<String, SigmaDetection> detections,
        List<String> conditions,
        List<ConditionNode> parsedConditions,
        SourceLocation location) {

    public SigmaRule {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(logSource, "logSource");
        Objects.requireNonNull(location, "location");
        tags = List.copyOf(tags);
        references = List.copyOf(references);
        falsePositives = List.copyOf(falsePositives);
        fields = List.copyOf(fields);
        detections = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(detections));
        conditions = List.copyOf(conditions);
        parsedConditions = List.copyOf(parsedConditions);
    }

    /** Returns the id when the rule has one, else its name, else its title. */
    public String reference() {
        if (id != null) {
            return id;
        }
        return name != null ? name : title;
    }

    /** Returns the field names the detection tests, each once, in the order they are written. */
    public List<String> detectionFields() {
        java.util.LinkedHashSet<String> names = new java.util.LinkedHashSet<>();
        for (SigmaDetection detection : detections.values()) {
            collectFields(detection, names);
        }
        return List.copyOf(names);
    }

    private static void collectFields(SigmaDetection detection, java.util.Set<String> names) {
        for (DetectionNode child : detection.children()) {
            if (child instanceof SigmaDetection nested) {
                collectFields(nested, names);
            } else if (child instanceof SigmaDetectionItem item && item.field() != null) {
                names.add(item.field());
            }
        }
    }

    @Override
    public String toString() {
        return "SigmaRule[" + title + (id == null ? "" : " " + id) + "]";
    }
}
