package dev.harrier.core.correlation;

import dev.harrier.core.engine.FieldResolver;
import dev.harrier.core.engine.RuleMatch;
import dev.harrier.core.event.Event;
import dev.harrier.core.event.FieldValues;
import dev.harrier.core.rule.SigmaCorrelationRule;
import dev.harrier.core.rule.SigmaRule;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Evaluates Sigma correlation rules over the matches of the rules they reference, with sliding
 * windows over event time.
 *
 * <p>Matches are collected as they arrive, in any order, and evaluated by {@link #finish()}: per
 * group of equal {@code group-by} values, events are sorted by time and each window starts at an
 * event and spans {@code timespan} inclusive (an event exactly {@code timespan} after the first is
 * inside). When a window meets the condition the alert takes its events and the next window
 * starts after them, so one burst gives one alert. Correlations that reference other correlations
 * are evaluated after them, on their alerts.
 *
 * <p>An event whose rule has a group-by field missing, or that has no time, cannot be placed and
 * is counted in {@link #unplacedEvents()}. State is bounded: past {@link #stateCap()} stored
 * events, further ones are dropped and counted in {@link #droppedEvents()}.
 *
 * <p>Not thread-safe: feed it from one thread.
 */
public final class CorrelationEngine {
    /** Default number of events held for correlation across all rules. */
    public static final int DEFAULT_STATE_CAP = 1_000_000;

    private final List<SigmaCorrelationRule> correlations;
    private final Map<String, SigmaRule> rulesByReference = new HashMap<>();
    private final Map<String, List<SigmaCorrelationRule>> correlationsByReference = new HashMap<>();
    private final Map<SigmaCorrelationRule, List<Entry>> entries = new LinkedHashMap<>();
    private final Set<String> generatingReferences = new HashSet<>();
    private final Set<String> referencedReferences = new HashSet<>();
    private final int stateCap;
    private int stored;
    private long dropped;
    private long unplaced;

    /** One event of one correlation: its time, rule, group key, aggregated value and origin. */
    private record Entry(Instant time, String rule, List<Object> group, Object value, EventRef ref) {}

    /**
     * Creates an engine.
     *
     * @param rules the detection rules the correlations may reference
     * @param stateCap most events held at once across all correlations
     */
    public CorrelationEngine(List<SigmaCorrelationRule> correlations, List<SigmaRule> rules,
            int stateCap) {
        this.correlations = List.copyOf(correlations);
        this.stateCap = stateCap;
        for (SigmaRule rule : rules) {
            register(rule.id(), rule);
            register(rule.name(), rule);
        }
        for (SigmaCorrelationRule correlation : correlations) {
            entries.put(correlation, new ArrayList<>());
            for (String reference : correlation.rules()) {
                correlationsByReference.computeIfAbsent(reference, r -> new ArrayList<>())
                        .add(correlation);
                referencedReferences.add(reference);
                if (correlation.generate()) {
                    generatingReferences.add(reference);
                }
            }
        }
    }

    private void register(String reference, SigmaRule rule) {
        if (reference != null) {
            rulesByReference.put(reference, rule);
        }
    }

    public int stateCap() {
        return stateCap;
    }

    /** Events dropped because the state cap was reached. */
    public long droppedEvents() {
        return dropped;
    }

    /** Events that could not be placed: no time, or a group-by field missing. */
    public long unplacedEvents() {
        return unplaced;
    }

    /** Returns the references (ids or names) that no known rule or correlation has. */
    public List<String> unknownReferences() {
        Set<String> correlationNames = new HashSet<>();
        for (SigmaCorrelationRule correlation : correlations) {
            if (correlation.id() != null) {
                correlationNames.add(correlation.id());
            }
            if (correlation.name() != null) {
                correlationNames.add(correlation.name());
            }
        }
        List<String> unknown = new ArrayList<>();
        for (String reference : referencedReferences) {
            if (!rulesByReference.containsKey(reference) && !correlationNames.contains(reference)) {
                unknown.add(reference);
            }
        }
        unknown.sort(null);
        return unknown;
    }

    /**
     * Returns true when the rule's own matches should be reported: it is referenced by no
     * correlation, or by one with {@code generate: true}.
     */
    public boolean reportsOwnMatches(SigmaRule rule) {
        boolean referenced = isReferenced(rule.id()) || isReferenced(rule.name());
        return !referenced || generates(rule.id()) || generates(rule.name());
    }

    /** Returns true when any correlation references the rule. */
    public boolean references(SigmaRule rule) {
        return isReferenced(rule.id()) || isReferenced(rule.name());
    }

    private boolean isReferenced(String reference) {
        return reference != null && referencedReferences.contains(reference);
    }

    private boolean generates(String reference) {
        return reference != null && generatingReferences.contains(reference);
    }

    /**
     * Records a match of a detection rule for the correlations that reference it.
     *
     * @param fields resolves field names on the event as the rule saw it
     */
    public void accept(RuleMatch match, FieldResolver fields, String path, String locator) {
        SigmaRule rule = match.rule();
        Set<SigmaCorrelationRule> seen = new HashSet<>();
        for (String reference : Arrays.asList(rule.id(), rule.name())) {
            if (reference == null) {
                continue;
            }
            for (SigmaCorrelationRule correlation : correlationsByReference.getOrDefault(reference, List.of())) {
                if (seen.add(correlation)) {
                    add(correlation, reference, rule, match.event(), fields, path, locator);
                }
            }
        }
    }

    private void add(SigmaCorrelationRule correlation, String reference, SigmaRule rule, Event event,
            FieldResolver fields, String path, String locator) {
        Instant time = event.timestamp();
        if (time == null) {
            unplaced++;
            return;
        }
        List<Object> group = new ArrayList<>(correlation.groupBy().size());
        for (String groupField : correlation.groupBy()) {
            Object value = fields.resolve(event, fieldFor(correlation, groupField, rule));
            String text = FieldValues.scalarText(value);
            if (text == null) {
                unplaced++;
                return;
            }
            group.add(text);
        }
        Object value = null;
        if (!correlation.fields().isEmpty()) {
            List<String> parts = new ArrayList<>();
            for (String field : correlation.fields()) {
                String text = FieldValues.scalarText(fields.resolve(event, fieldFor(correlation, field, rule)));
                parts.add(text);
            }
            value = parts.size() == 1 ? parts.get(0) : parts;
        }
        store(correlation, new Entry(time, reference, group, value,
                new EventRef(rule.reference(), path, locator, time)));
    }

    private static String fieldFor(SigmaCorrelationRule correlation, String field, SigmaRule rule) {
        Map<String, String> alias = correlation.aliases().get(field);
        if (alias == null) {
            return field;
        }
        String mapped = rule.name() != null ? alias.get(rule.name()) : null;
        if (mapped == null && rule.id() != null) {
            mapped = alias.get(rule.id());
        }
        return mapped != null ? mapped : field;
    }

    private void store(SigmaCorrelationRule correlation, Entry entry) {
        if (stored >= stateCap) {
            dropped++;
            return;
        }
        stored++;
        entries.get(correlation).add(entry);
    }

    /**
     * Evaluates every correlation over what was collected and returns the alerts of the
     * correlations whose own alerts are reported (not consumed silently by an outer correlation),
     * ordered by window start.
     */
    public List<CorrelationMatch> finish() {
        List<CorrelationMatch> reported = new ArrayList<>();
        Set<SigmaCorrelationRule> done = new HashSet<>();
        boolean progress = true;
        while (done.size() < correlations.size() && progress) {
            progress = false;
            for (SigmaCorrelationRule correlation : correlations) {
                if (done.contains(correlation) || dependsOnPending(correlation, done)) {
                    continue;
                }
                List<CorrelationMatch> alerts = evaluate(correlation);
                done.add(correlation);
                progress = true;
                feedOuter(correlation, alerts);
                boolean consumed = isReferenced(correlation.id()) || isReferenced(correlation.name());
                boolean generated = generates(correlation.id()) || generates(correlation.name());
                if (!consumed || generated) {
                    reported.addAll(alerts);
                }
            }
        }
        reported.sort(Comparator.comparing(CorrelationMatch::windowStart));
        return reported;
    }

    private boolean dependsOnPending(SigmaCorrelationRule correlation, Set<SigmaCorrelationRule> done) {
        for (SigmaCorrelationRule other : correlations) {
            if (other == correlation || done.contains(other)) {
                continue;
            }
            for (String reference : correlation.rules()) {
                if (reference.equals(other.id()) || reference.equals(other.name())) {
                    return true;
                }
            }
        }
        return false;
    }

    private void feedOuter(SigmaCorrelationRule inner, List<CorrelationMatch> alerts) {
        for (String reference : Arrays.asList(inner.id(), inner.name())) {
            if (reference == null) {
                continue;
            }
            for (SigmaCorrelationRule outer : correlationsByReference.getOrDefault(reference, List.of())) {
                for (CorrelationMatch alert : alerts) {
                    List<Object> group = new ArrayList<>();
                    boolean placed = true;
                    for (String field : outer.groupBy()) {
                        Object value = alert.group().get(field);
                        if (value == null) {
                            placed = false;
                            break;
                        }
                        group.add(value);
                    }
                    if (!placed) {
                        unplaced++;
                        continue;
                    }
                    store(outer, new Entry(alert.windowEnd(), reference, group, null,
                            new EventRef(inner.reference(), null, null, alert.windowEnd())));
                }
            }
        }
    }

    private List<CorrelationMatch> evaluate(SigmaCorrelationRule correlation) {
        Map<List<Object>, List<Entry>> groups = new LinkedHashMap<>();
        for (Entry entry : entries.get(correlation)) {
            groups.computeIfAbsent(entry.group(), g -> new ArrayList<>()).add(entry);
        }
        List<CorrelationMatch> alerts = new ArrayList<>();
        for (Map.Entry<List<Object>, List<Entry>> group : groups.entrySet()) {
            List<Entry> events = group.getValue();
            events.sort(Comparator.comparing(Entry::time));
            Map<String, Object> groupValues = new LinkedHashMap<>();
            for (int i = 0; i < correlation.groupBy().size(); i++) {
                groupValues.put(correlation.groupBy().get(i), group.getKey().get(i));
            }
            Windows.evaluate(correlation, events, groupValues, alerts);
        }
        return alerts;
    }

    /** The window scans, one per correlation type. */
    private static final class Windows {
        private Windows() {}

        static void evaluate(SigmaCorrelationRule correlation, List<Entry> events,
                Map<String, Object> group, List<CorrelationMatch> alerts) {
            long span = correlation.timespan().toNanos();
            int i = 0;
            while (i < events.size()) {
                int last = i;
                while (last + 1 < events.size()
                        && nanosBetween(events.get(i).time(), events.get(last + 1).time()) <= span) {
                    last++;
                }
                List<Entry> window = events.subList(i, last + 1);
                List<Entry> used = test(correlation, window);
                if (used == null) {
                    i++;
                    continue;
                }
                double value = measure(correlation, used.size() == window.size() ? window : used);
                List<EventRef> refs = new ArrayList<>();
                for (Entry entry : used) {
                    refs.add(entry.ref());
                }
                alerts.add(new CorrelationMatch(correlation, group, used.get(0).time(),
                        used.get(used.size() - 1).time(), value, refs));
                i = events.indexOf(used.get(used.size() - 1)) + 1;
            }
        }

        private static long nanosBetween(Instant from, Instant to) {
            return java.time.Duration.between(from, to).toNanos();
        }

        /** Returns the events that make an alert in this window, or null when it does not fire. */
        private static List<Entry> test(SigmaCorrelationRule correlation, List<Entry> window) {
            switch (correlation.type()) {
                case TEMPORAL:
                    return temporal(correlation, window);
                case TEMPORAL_ORDERED:
                    return temporalOrdered(correlation, window);
                default:
                    return correlation.conditionHolds(measure(correlation, window)) ? window : null;
            }
        }

        private static List<Entry> temporal(SigmaCorrelationRule correlation, List<Entry> window) {
            Set<String> rules = new HashSet<>();
            for (Entry entry : window) {
                rules.add(entry.rule());
            }
            boolean fires = correlation.condition().isEmpty()
                    ? rules.size() >= new HashSet<>(correlation.rules()).size()
                    : correlation.conditionHolds(rules.size());
            return fires ? window : null;
        }

        /** The first event must start the sequence; later rules follow in the order listed. */
        private static List<Entry> temporalOrdered(SigmaCorrelationRule correlation, List<Entry> window) {
            List<String> order = correlation.rules();
            if (!window.get(0).rule().equals(order.get(0))) {
                return null;
            }
            List<Entry> used = new ArrayList<>();
            int next = 0;
            for (Entry entry : window) {
                if (next < order.size() && entry.rule().equals(order.get(next))) {
                    used.add(entry);
                    next++;
                }
            }
            boolean fires = correlation.condition().isEmpty() ? next == order.size()
                    : correlation.conditionHolds(next);
            return fires ? used : null;
        }

        static double measure(SigmaCorrelationRule correlation, List<Entry> window) {
            switch (correlation.type()) {
                case EVENT_COUNT:
                    return window.size();
                case VALUE_COUNT: {
                    Set<Object> distinct = new HashSet<>();
                    for (Entry entry : window) {
                        if (entry.value() != null && !(entry.value() instanceof List<?> list
                                && list.contains(null))) {
                            distinct.add(entry.value());
                        }
                    }
                    return distinct.size();
                }
                case TEMPORAL:
                case TEMPORAL_ORDERED: {
                    Set<String> rules = new HashSet<>();
                    for (Entry entry : window) {
                        rules.add(entry.rule());
                    }
                    return rules.size();
                }
                default:
                    return aggregate(correlation, numbers(window));
            }
        }

        private static double[] numbers(List<Entry> window) {
            double[] values = new double[window.size()];
            int count = 0;
            for (Entry entry : window) {
                if (entry.value() instanceof String text) {
                    try {
                        values[count] = Double.parseDouble(text.trim());
                        count++;
                    } catch (NumberFormatException e) {
                        // A value that is not a number takes no part in the aggregate.
                    }
                }
            }
            return Arrays.copyOf(values, count);
        }

        private static double aggregate(SigmaCorrelationRule correlation, double[] values) {
            if (values.length == 0) {
                return Double.NaN;
            }
            switch (correlation.type()) {
                case VALUE_SUM:
                    return Arrays.stream(values).sum();
                case VALUE_AVG:
                    return Arrays.stream(values).average().orElse(Double.NaN);
                case VALUE_MEDIAN:
                    return percentile(values, 50);
                default:
                    return percentile(values, correlation.percentile());
            }
        }

        /** Nearest-rank percentile. */
        private static double percentile(double[] values, double percentile) {
            double[] sorted = values.clone();
            Arrays.sort(sorted);
            int rank = (int) Math.ceil(percentile / 100.0 * sorted.length);
            return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
        }
    }
}
