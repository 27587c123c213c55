package dev.harrier.core.engine;

import dev.harrier.core.condition.ConditionNode;
import dev.harrier.core.rule.SigmaDetection;
import dev.harrier.core.rule.SigmaFilter;
import dev.harrier.core.rule.SigmaRule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies Sigma filters to rules as pySigma does: each condition of a rule that a filter applies to
 * becomes {@code (rule condition) and (filter condition)}, with the filter's search identifiers
 * added under a private prefix so they cannot clash with the rule's. Filters never negate
 * implicitly: an exclusion filter uses {@code not} itself.
 */
public final class FilterApplier {
    /** Prefix of the identifiers a filter adds to a rule; {@code _} keeps them out of {@code them}. */
    static final String IDENTIFIER_PREFIX = "_filter";

    private FilterApplier() {}

    /** Returns the rules with every applicable filter applied, in order. */
    public static List<SigmaRule> apply(List<SigmaRule> rules, List<SigmaFilter> filters) {
        if (filters.isEmpty()) {
            return rules;
        }
        List<SigmaRule> result = new ArrayList<>(rules.size());
        for (SigmaRule rule : rules) {
            SigmaRule filtered = rule;
            for (int i = 0; i < filters.size(); i++) {
                if (filters.get(i).appliesTo(rule)) {
                    filtered = apply(filtered, filters.get(i), i);
                }
            }
            result.add(filtered);
        }
        return result;
    }

    /** Returns {@code rule} with {@code filter} applied; {@code index} keeps identifiers unique. */
    static SigmaRule apply(SigmaRule rule, SigmaFilter filter, int index) {
        String prefix = IDENTIFIER_PREFIX + index + "_";
        Map<String, SigmaDetection> detections = new LinkedHashMap<>(rule.detections());
        for (Map.Entry<String, SigmaDetection> entry : filter.detections().entrySet()) {
            detections.put(prefix + entry.getKey(), entry.getValue());
        }
        ConditionNode filterCondition = filter.parsedCondition().accept(new Renamer(prefix));
        List<String> conditions = new ArrayList<>();
        List<ConditionNode> parsed = new ArrayList<>();
        for (int i = 0; i < rule.parsedConditions().size(); i++) {
            conditions.add("(" + rule.conditions().get(i) + ") and (" + filter.condition() + ")");
            parsed.add(new ConditionNode.And(List.of(rule.parsedConditions().get(i), filterCondition)));
        }
        return new SigmaRule(rule.id(), rule.name(), rule.title(), rule.status(), rule.description(),
                rule.level(), rule.tags(), rule.references(), rule.author(), rule.date(),
                rule.modified(), rule.falsePositives(), rule.fields(), rule.logSource(), detections,
                conditions, parsed, rule.location());
    }

    /** Prefixes every identifier a condition names. */
    private static final class Renamer implements ConditionNode.Visitor<ConditionNode> {
        private final String prefix;

        Renamer(String prefix) {
            this.prefix = prefix;
        }

        @Override
        public ConditionNode visitRef(ConditionNode.Ref ref) {
            return new ConditionNode.Ref(prefix + ref.name());
        }

        @Override
        public ConditionNode visitAnd(ConditionNode.And and) {
            return new ConditionNode.And(and.operands().stream().map(o -> o.accept(this)).toList());
        }

        @Override
        public ConditionNode visitOr(ConditionNode.Or or) {
            return new ConditionNode.Or(or.operands().stream().map(o -> o.accept(this)).toList());
        }

        @Override
        public ConditionNode visitNot(ConditionNode.Not not) {
            return new ConditionNode.Not(not.operand().accept(this));
        }

        @Override
        public ConditionNode visitSelector(ConditionNode.Selector selector) {
            return new ConditionNode.Selector(selector.quantifier(), selector.pattern(),
                    selector.identifiers().stream().map(name -> prefix + name).toList());
        }
    }
}
