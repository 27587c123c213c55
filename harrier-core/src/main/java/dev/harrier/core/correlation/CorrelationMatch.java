package dev.harrier.core.correlation;

import dev.harrier.core.rule.SigmaCorrelationRule;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A correlation rule that fired: for one group of events, within one window.
 *
 * @param group the group-by field values of the group, in group-by order
 * @param value the counted or aggregated value that met the condition (for temporal types, the
 *     number of distinct rules seen)
 * @param events the events that made the alert, in time order
 */
public record CorrelationMatch(
        SigmaCorrelationRule rule,
        Map<String, Object> group,
        Instant windowStart,
        Instant windowEnd,
        double value,
        List<EventRef> events) {

    public CorrelationMatch {
        group = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(group));
        events = List.copyOf(events);
    }
}
