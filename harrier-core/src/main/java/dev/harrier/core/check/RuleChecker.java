package dev.harrier.core.check;

import dev.harrier.core.condition.ConditionNode;
import dev.harrier.core.load.LoadProblem;
import dev.harrier.core.load.RuleLoader;
import dev.harrier.core.rule.DetectionNode;
import dev.harrier.core.rule.SigmaCorrelationRule;
import dev.harrier.core.rule.SigmaDetection;
import dev.harrier.core.rule.SigmaDetectionItem;
import dev.harrier.core.rule.SigmaFilter;
import dev.harrier.core.rule.SigmaRule;
import dev.harrier.core.rule.SourceLocation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Checks what loading alone cannot: duplicate ids, references to rules that do not exist, filters
 * that cannot exclude anything (no {@code not}, or conditions disjoint from the rule's), and fields
 * that a rule's log source never has.
 */
public final class RuleChecker {
    private final FieldCatalog catalog;

    public RuleChecker(FieldCatalog catalog) {
        this.catalog = catalog;
    }

    /** Returns the problems found, errors and warnings, in document order per check. */
    public List<LoadProblem> check(RuleLoader.LoadResult loaded) {
        List<LoadProblem> problems = new ArrayList<>();
        checkDuplicateIds(loaded, problems);
        Map<String, SigmaRule> rules = new HashMap<>();
        for (SigmaRule rule : loaded.rules()) {
            put(rules, rule.id(), rule);
            put(rules, rule.name(), rule);
        }
        Set<String> correlations = new HashSet<>();
        for (SigmaCorrelationRule correlation : loaded.correlations()) {
            add(correlations, correlation.id());
            add(correlations, correlation.name());
        }
        for (SigmaCorrelationRule correlation : loaded.correlations()) {
            for (String reference : correlation.rules()) {
                if (!rules.containsKey(reference) && !correlations.contains(reference)) {
                    problems.add(error(correlation.location(),
                            "correlation references a rule that is not loaded", reference));
                }
            }
        }
        checkCycles(loaded.correlations(), problems);
        for (SigmaFilter filter : loaded.filters()) {
            checkFilter(filter, rules, loaded.rules(), problems);
        }
        for (SigmaRule rule : loaded.rules()) {
            checkFields(rule, problems);
        }
        return problems;
    }

    private static void put(Map<String, SigmaRule> rules, String key, SigmaRule rule) {
        if (key != null) {
            rules.put(key, rule);
        }
    }

    private static void add(Set<String> set, String key) {
        if (key != null) {
            set.add(key);
        }
    }

    private static LoadProblem error(SourceLocation where, String message, String value) {
        return new LoadProblem(LoadProblem.Severity.ERROR, where, message, value);
    }

    private static LoadProblem warning(SourceLocation where, String message, String value) {
        return new LoadProblem(LoadProblem.Severity.WARNING, where, message, value);
    }

    private static void checkDuplicateIds(RuleLoader.LoadResult loaded, List<LoadProblem> problems) {
        Map<String, SourceLocation> seen = new HashMap<>();
        List<Map.Entry<String, SourceLocation>> ids = new ArrayList<>();
        loaded.rules().forEach(r -> ids.add(Map.entry(String.valueOf(r.id()), r.location())));
        loaded.correlations().forEach(c -> ids.add(Map.entry(String.valueOf(c.id()), c.location())));
        loaded.filters().forEach(f -> ids.add(Map.entry(String.valueOf(f.id()), f.location())));
        for (Map.Entry<String, SourceLocation> id : ids) {
            if (id.getKey().equals("null")) {
                continue;
            }
            SourceLocation first = seen.putIfAbsent(id.getKey(), id.getValue());
            if (first != null) {
                problems.add(error(id.getValue(), "duplicate id; first used at " + first, id.getKey()));
            }
        }
    }

    private static void checkFilter(SigmaFilter filter, Map<String, SigmaRule> rules,
            List<SigmaRule> allRules, List<LoadProblem> problems) {
        if (!containsNot(filter.parsedCondition())) {
            problems.add(warning(filter.location(), "filter condition has no 'not', so it restricts"
                    + " the rules to the selection instead of excluding it", filter.condition()));
        }
        List<SigmaRule> targets = new ArrayList<>();
        if (filter.rules().isEmpty()) {
            for (SigmaRule rule : allRules) {
                if (filter.appliesTo(rule)) {
                    targets.add(rule);
                }
            }
        }
        for (String reference : filter.rules()) {
            SigmaRule rule = rules.get(reference);
            if (rule == null) {
                problems.add(error(filter.location(), "filter references a rule that is not loaded",
                        reference));
            } else if (!filter.logSource().contains(rule.logSource())) {
                problems.add(warning(filter.location(), "filter log source (" + filter.logSource()
                        + ") does not cover the rule's (" + rule.logSource() + "), so it never"
                        + " applies", reference));
            } else {
                targets.add(rule);
            }
        }
        for (SigmaRule rule : targets) {
            if (!FilterOverlap.canRemove(rule, filter)) {
                problems.add(warning(filter.location(), "filter can never remove a match of rule '"
                        + rule.title() + "': its conditions are disjoint from the rule's",
                        rule.reference()));
            }
        }
    }

    private static boolean containsNot(ConditionNode node) {
        if (node instanceof ConditionNode.Not) {
            return true;
        }
        if (node instanceof ConditionNode.And and) {
            return and.operands().stream().anyMatch(RuleChecker::containsNot);
        }
        if (node instanceof ConditionNode.Or or) {
            return or.operands().stream().anyMatch(RuleChecker::containsNot);
        }
        return false;
    }

    private void checkFields(SigmaRule rule, List<LoadProblem> problems) {
        Set<String> known = catalog.fieldsOf(rule.logSource());
        if (known == null) {
            return;
        }
        Set<String> reported = new HashSet<>();
        for (SigmaDetection detection : rule.detections().values()) {
            checkFields(detection, rule, known, reported, problems);
        }
    }

    private static void checkFields(SigmaDetection detection, SigmaRule rule, Set<String> known,
            Set<String> reported, List<LoadProblem> problems) {
        for (DetectionNode child : detection.children()) {
            if (child instanceof SigmaDetection nested) {
                checkFields(nested, rule, known, reported, problems);
                continue;
            }
            SigmaDetectionItem item = (SigmaDetectionItem) child;
            if (item.field() == null) {
                continue;
            }
            String name = item.field().toLowerCase(Locale.ROOT);
            if (!known.contains(name) && reported.add(name)) {
                problems.add(warning(item.location(), "field is not one the log source ("
                        + rule.logSource() + ") has", item.field()));
            }
        }
    }

    /** Reports correlations that reference themselves, directly or through other correlations. */
    private static void checkCycles(List<SigmaCorrelationRule> correlations,
            List<LoadProblem> problems) {
        Map<String, SigmaCorrelationRule> byReference = new HashMap<>();
        for (SigmaCorrelationRule correlation : correlations) {
            if (correlation.id() != null) {
                byReference.put(correlation.id(), correlation);
            }
            if (correlation.name() != null) {
                byReference.put(correlation.name(), correlation);
            }
        }
        for (SigmaCorrelationRule start : correlations) {
            Set<SigmaCorrelationRule> seen = new HashSet<>();
            List<SigmaCorrelationRule> pending = new ArrayList<>();
            pending.add(start);
            boolean cycle = false;
            while (!pending.isEmpty() && !cycle) {
                SigmaCorrelationRule current = pending.remove(pending.size() - 1);
                for (String reference : current.rules()) {
                    SigmaCorrelationRule next = byReference.get(reference);
                    if (next == start) {
                        cycle = true;
                    } else if (next != null && seen.add(next)) {
                        pending.add(next);
                    }
                }
            }
            if (cycle) {
                problems.add(error(start.location(), "correlation references itself, directly or"
                        + " through other correlations", start.reference()));
            }
        }
    }
}
