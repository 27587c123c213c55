package dev.harrier.core.rule;

import dev.harrier.core.condition.ConditionNode;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A Sigma filter (meta-filter) document: extra conditions applied to the rules it names, as {@code
 * (rule condition) and (filter condition)}. A filter that excludes events must use {@code not} in
 * its own condition.
 *
 * @param rules ids or names of the rules it applies to; empty means every rule whose log source
 *     the filter's log source contains
 * @param detections the filter's search identifiers
 */
public record SigmaFilter(
        String id,
        String name,
        String title,
        String description,
        SigmaLogSource logSource,
        List<String> rules,
        Map<String, SigmaDetection> detections,
        String condition,
        ConditionNode parsedCondition,
        SourceLocation location) {

    public SigmaFilter {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(logSource, "logSource");
        Objects.requireNonNull(parsedCondition, "parsedCondition");
        Objects.requireNonNull(location, "location");
        rules = List.copyOf(rules);
        detections = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(detections));
    }

    /** Returns true when this filter applies to {@code rule}: named by it and covering its log source. */
    public boolean appliesTo(SigmaRule rule) {
        if (!logSource.contains(rule.logSource())) {
            return false;
        }
        if (rules.isEmpty()) {
            return true;
        }
        for (String reference : rules) {
            if (reference.equals(rule.id()) || reference.equals(rule.name())) {
                return true;
            }
        }
        return false;
    }

    /** Returns the id when the filter has one, else its name, else its title. */
    public String reference() {
        if (id != null) {
            return id;
        }
        return name != null ? name : title;
    }
}
