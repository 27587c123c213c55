package dev.harrier.core.load;

import dev.harrier.core.condition.ConditionException;
import dev.harrier.core.condition.ConditionNode;
import dev.harrier.core.condition.ConditionParser;
import dev.harrier.core.rule.DetectionNode;
import dev.harrier.core.rule.SigmaCorrelationRule;
import dev.harrier.core.rule.SigmaFilter;
import dev.harrier.core.rule.SigmaDetection;
import dev.harrier.core.rule.SigmaDetectionItem;
import dev.harrier.core.rule.SigmaLevel;
import dev.harrier.core.rule.SigmaLogSource;
import dev.harrier.core.rule.SigmaRule;
import dev.harrier.core.rule.SigmaRuleException;
import dev.harrier.core.rule.SourceLocation;
import dev.harrier.core.value.Modifiers;
import dev.harrier.core.value.Placeholders;
import dev.harrier.core.value.SigmaValue;
import java.util.ArrayList;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Builds a {@link SigmaRule} from one YAML document, collecting every problem it finds instead of
 * stopping at the first. A rule with any error is not returned.
 */
final class RuleParser {
    private final Placeholders placeholders;
    private final Consumer<LoadProblem> problems;
    private boolean failed;

    RuleParser(Placeholders placeholders, Consumer<LoadProblem> problems) {
        this.placeholders = placeholders;
        this.problems = problems;
    }

    /** Returns the rule, or null when the document has errors (already reported). */
    SigmaRule parse(YamlNode.Mapping document) {
        failed = false;
        String title = requiredString(document, "title");
        String id = optionalString(document, "id");
        String name = optionalString(document, "name");
        String status = optionalString(document, "status");
        String description = optionalString(document, "description");
        String author = optionalString(document, "author");
        String date = optionalString(document, "date");
        String modified = optionalString(document, "modified");
        SigmaLevel level = parseLevel(document);
        List<String> tags = stringList(document, "tags");
        List<String> references = stringList(document, "references");
        List<String> falsePositives = stringList(document, "falsepositives");
        List<String> fields = stringList(document, "fields");
        SigmaLogSource logSource = parseLogSource(document);

        Map<String, SigmaDetection> detections = new LinkedHashMap<>();
        List<String> conditions = new ArrayList<>();
        List<ConditionNode> parsedConditions = new ArrayList<>();
        parseDetection(document, detections, conditions, parsedConditions);
        if (document.get("generate") != null) {
            warning(keyLocation(document, "generate"), "'generate' belongs under 'correlation:' in"
                    + " a correlation rule; on a detection rule it has no effect", null);
        }

        if (failed || title == null || logSource == null) {
            return null;
        }
        return new SigmaRule(id, name, title, status, description, level, tags, references, author,
                date, modified, falsePositives, fields, logSource, detections, conditions,
                parsedConditions, document.location());
    }

    /** Returns the correlation rule, or null when the document has errors (already reported). */
    SigmaCorrelationRule parseCorrelation(YamlNode.Mapping document) {
        failed = false;
        String title = requiredString(document, "title");
        String id = optionalString(document, "id");
        String name = optionalString(document, "name");
        String status = optionalString(document, "status");
        String description = optionalString(document, "description");
        SigmaLevel level = parseLevel(document);
        List<String> tags = stringList(document, "tags");
        YamlNode node = document.get("correlation");
        if (!(node instanceof YamlNode.Mapping correlation)) {
            error(node.location(), "'correlation' must be a mapping", null);
            return null;
        }
        String typeText = requiredString(correlation, "type");
        SigmaCorrelationRule.Type type = typeText == null ? null : SigmaCorrelationRule.Type.parse(typeText);
        if (typeText != null && type == null) {
            error(correlation.get("type").location(), "unknown correlation type; use event_count,"
                    + " value_count, temporal, temporal_ordered, value_sum, value_avg,"
                    + " value_percentile or value_median", typeText);
        }
        List<String> rules = stringList(correlation, "rules");
        if (rules.isEmpty()) {
            error(keyLocation(correlation, "rules"), "a correlation needs 'rules': the rules it"
                    + " correlates, by id or name", null);
        }
        List<String> groupBy = stringList(correlation, "group-by");
        Duration timespan = parseTimespan(correlation);
        Map<SigmaCorrelationRule.Operator, Double> condition = new EnumMap<>(
                SigmaCorrelationRule.Operator.class);
        Double percentile = null;
        List<String> fields = new ArrayList<>();
        YamlNode conditionNode = correlation.get("condition");
        if (conditionNode instanceof YamlNode.Mapping conditionMap) {
            for (Map.Entry<String, YamlNode> entry : conditionMap.entries().entrySet()) {
                String key = entry.getKey();
                YamlNode valueNode = entry.getValue();
                if (key.equals("field")) {
                    fields.addAll(stringValues(valueNode));
                    continue;
                }
                Double number = valueNode instanceof YamlNode.Scalar scalar
                        && scalar.value() instanceof Number n ? n.doubleValue() : null;
                if (key.equals("percentile")) {
                    percentile = number;
                    continue;
                }
                SigmaCorrelationRule.Operator operator = operator(key);
                if (operator == null) {
                    error(keyLocation(conditionMap, key), "unknown condition operator; use gt, gte,"
                            + " lt, lte, eq or neq", key);
                } else if (number == null) {
                    error(valueNode.location(), "condition bound must be a number", key);
                } else {
                    condition.put(operator, number);
                }
            }
        } else if (conditionNode != null) {
            error(conditionNode.location(), "correlation condition must be a mapping such as"
                    + " {gte: 10}", null);
        }
        if (correlation.get("field") != null) {
            fields.addAll(stringValues(correlation.get("field")));
        }
        if (percentile == null && correlation.get("percentile") instanceof YamlNode.Scalar scalar
                && scalar.value() instanceof Number number) {
            percentile = number.doubleValue();
        }
        if (type != null) {
            if (!type.isTemporal() && condition.isEmpty()) {
                error(keyLocation(correlation, "condition"), type.text()
                        + " needs a condition such as {gte: 10}", null);
            }
            boolean valueType = type.name().startsWith("VALUE_");
            if (valueType && fields.isEmpty()) {
                error(keyLocation(correlation, "condition"), type.text()
                        + " needs the field to aggregate (condition.field)", null);
            }
            if (type == SigmaCorrelationRule.Type.VALUE_PERCENTILE
                    && (percentile == null || percentile < 0 || percentile > 100)) {
                error(keyLocation(correlation, "condition"),
                        "value_percentile needs a percentile between 0 and 100", String.valueOf(percentile));
            }
        }
        Map<String, Map<String, String>> aliases = new LinkedHashMap<>();
        YamlNode aliasNode = correlation.get("aliases");
        if (aliasNode instanceof YamlNode.Mapping aliasMap) {
            for (Map.Entry<String, YamlNode> alias : aliasMap.entries().entrySet()) {
                Map<String, String> perRule = new LinkedHashMap<>();
                if (alias.getValue() instanceof YamlNode.Mapping ruleMap) {
                    for (Map.Entry<String, YamlNode> rule : ruleMap.entries().entrySet()) {
                        String field = scalarText(rule.getValue());
                        if (field == null) {
                            error(rule.getValue().location(), "alias field must be a name", alias.getKey());
                        } else {
                            perRule.put(rule.getKey(), field);
                        }
                    }
                } else {
                    error(alias.getValue().location(), "an alias maps rule names to field names",
                            alias.getKey());
                }
                aliases.put(alias.getKey(), perRule);
            }
        } else if (aliasNode != null) {
            error(aliasNode.location(), "'aliases' must be a mapping", null);
        }
        boolean generate = false;
        YamlNode generateNode = correlation.get("generate");
        if (generateNode instanceof YamlNode.Scalar scalar && scalar.value() instanceof Boolean bool) {
            generate = bool;
        } else if (generateNode != null) {
            error(generateNode.location(), "'generate' must be true or false", null);
        }
        if (failed || title == null || type == null || timespan == null) {
            return null;
        }
        return new SigmaCorrelationRule(id, name, title, status, description, level, tags, type,
                rules, groupBy, timespan, condition, fields, percentile, aliases, generate,
                document.location());
    }

    private List<String> stringValues(YamlNode node) {
        List<String> values = new ArrayList<>();
        if (node instanceof YamlNode.Sequence sequence) {
            for (YamlNode item : sequence.items()) {
                String text = scalarText(item);
                if (text != null) {
                    values.add(text);
                }
            }
        } else {
            String text = scalarText(node);
            if (text != null) {
                values.add(text);
            }
        }
        return values;
    }

    private static SigmaCorrelationRule.Operator operator(String key) {
        for (SigmaCorrelationRule.Operator operator : SigmaCorrelationRule.Operator.values()) {
            if (operator.text().equals(key)) {
                return operator;
            }
        }
        return null;
    }

    private static final java.util.regex.Pattern TIMESPAN =
            java.util.regex.Pattern.compile("(\\d+)([smhdwMy])");

    private Duration parseTimespan(YamlNode.Mapping correlation) {
        YamlNode node = correlation.get("timespan");
        String text = node == null ? null : scalarText(node);
        if (text == null) {
            error(correlation.location(), "a correlation needs a 'timespan' such as 5m", null);
            return null;
        }
        java.util.regex.Matcher matcher = TIMESPAN.matcher(text.trim());
        if (!matcher.matches()) {
            error(node.location(), "invalid timespan; use a number and one of s, m, h, d, w,"
                    + " M (months) or y (for example 30s, 5m, 1h, 2d)", text);
            return null;
        }
        long amount;
        try {
            amount = Long.parseLong(matcher.group(1));
        } catch (NumberFormatException e) {
            amount = Long.MAX_VALUE;
        }
        if (matcher.group(2).equals("M")) {
            warning(node.location(), "timespan unit M means months (30.44 days); write m for"
                    + " minutes", text);
        }
        Duration span = timespan(amount, matcher.group(2));
        if (span == null || span.compareTo(MAX_TIMESPAN) > 0) {
            error(node.location(), "timespan is longer than the maximum of "
                    + MAX_TIMESPAN.toDays() + " days", text);
            return null;
        }
        return span;
    }

    /** Maximum correlation window: ten years. */
    static final Duration MAX_TIMESPAN = Duration.ofDays(3653);

    private static Duration timespan(long amount, String unit) {
        try {
            return unitDuration(amount, unit);
        } catch (ArithmeticException e) {
            return null;
        }
    }

    private static Duration unitDuration(long amount, String unit) {
        switch (unit) {
            case "s":
                return Duration.ofSeconds(amount);
            case "m":
                return Duration.ofMinutes(amount);
            case "h":
                return Duration.ofHours(amount);
            case "d":
                return Duration.ofDays(amount);
            case "w":
                return Duration.ofDays(Math.multiplyExact(7L, amount));
            case "M":
                // pySigma's month: 30.44 days.
                return Duration.ofSeconds(Math.round(amount * 30.44 * 86_400));
            default:
                return Duration.ofDays(Math.multiplyExact(365L, amount));
        }
    }

    /** Returns the filter, or null when the document has errors (already reported). */
    SigmaFilter parseFilter(YamlNode.Mapping document) {
        failed = false;
        String title = requiredString(document, "title");
        String id = optionalString(document, "id");
        String name = optionalString(document, "name");
        String description = optionalString(document, "description");
        SigmaLogSource logSource = parseLogSource(document);
        YamlNode node = document.get("filter");
        if (!(node instanceof YamlNode.Mapping filter)) {
            error(node.location(), "'filter' must be a mapping", null);
            return null;
        }
        List<String> rules = new ArrayList<>();
        YamlNode rulesNode = filter.get("rules");
        if (rulesNode == null) {
            error(filter.location(), "a filter needs 'rules': the rules it applies to, by id or"
                    + " name, or 'any'", null);
        } else if (!"any".equals(scalarText(rulesNode))) {
            rules.addAll(stringValues(rulesNode));
        }
        Map<String, SigmaDetection> detections = new LinkedHashMap<>();
        for (Map.Entry<String, YamlNode> entry : filter.entries().entrySet()) {
            String identifier = entry.getKey();
            if (identifier.equals("rules") || identifier.equals("condition")) {
                continue;
            }
            SigmaDetection parsed = parseSearch(entry.getValue(), keyLocation(filter, identifier));
            if (parsed != null) {
                detections.put(identifier, parsed);
            }
        }
        YamlNode conditionNode = filter.get("condition");
        String condition = conditionNode == null ? null : scalarText(conditionNode);
        ConditionNode parsed = null;
        if (conditionNode == null) {
            error(filter.location(), "filter.condition is missing", null);
        } else if (condition == null) {
            error(conditionNode.location(), "a filter has exactly one condition string", null);
        } else {
            try {
                parsed = ConditionParser.parse(condition, new ArrayList<>(detections.keySet()));
            } catch (ConditionException e) {
                SourceLocation where = conditionNode.location();
                int column = where.column() > 0 ? where.column() + e.column() - 1 : 0;
                error(new SourceLocation(where.file(), where.line(), column), e.getMessage(), e.value());
            }
        }
        if (failed || title == null || logSource == null || parsed == null) {
            return null;
        }
        return new SigmaFilter(id, name, title, description, logSource, rules, detections,
                condition, parsed, document.location());
    }

    private void error(SourceLocation where, String message, String value) {
        failed = true;
        problems.accept(new LoadProblem(LoadProblem.Severity.ERROR, where, message, value));
    }

    private void warning(SourceLocation where, String message, String value) {
        problems.accept(new LoadProblem(LoadProblem.Severity.WARNING, where, message, value));
    }

    private SourceLocation keyLocation(YamlNode.Mapping mapping, String key) {
        SourceLocation where = mapping.keyLocations().get(key);
        return where != null ? where : mapping.location();
    }

    private String requiredString(YamlNode.Mapping document, String key) {
        YamlNode node = document.get(key);
        if (node == null) {
            error(document.location(), "missing required field '" + key + "'", null);
            return null;
        }
        String value = scalarText(node);
        if (value == null || value.isBlank()) {
            error(node.location(), "'" + key + "' must be a non-empty string", null);
            return null;
        }
        return value;
    }

    private String optionalString(YamlNode.Mapping document, String key) {
        YamlNode node = document.get(key);
        if (node == null) {
            return null;
        }
        String value = scalarText(node);
        if (value == null && !(node instanceof YamlNode.Scalar)) {
            error(node.location(), "'" + key + "' must be a single value", null);
        }
        return value;
    }

    private static String scalarText(YamlNode node) {
        if (node instanceof YamlNode.Scalar scalar && scalar.value() != null) {
            return scalar.text();
        }
        return null;
    }

    private SigmaLevel parseLevel(YamlNode.Mapping document) {
        String text = optionalString(document, "level");
        if (text == null) {
            return null;
        }
        SigmaLevel level = SigmaLevel.parse(text);
        if (level == null) {
            error(document.get("level").location(),
                    "unknown level; use informational, low, medium, high or critical", text);
        }
        return level;
    }

    private List<String> stringList(YamlNode.Mapping document, String key) {
        YamlNode node = document.get(key);
        List<String> result = new ArrayList<>();
        if (node == null) {
            return result;
        }
        if (node instanceof YamlNode.Scalar scalar) {
            if (scalar.value() != null) {
                result.add(scalar.text());
            }
            return result;
        }
        if (node instanceof YamlNode.Sequence sequence) {
            for (YamlNode item : sequence.items()) {
                String text = scalarText(item);
                if (text != null) {
                    result.add(text);
                } else if (!(item instanceof YamlNode.Scalar)) {
                    warning(item.location(), "'" + key + "' entries must be plain values", null);
                }
            }
            return result;
        }
        warning(node.location(), "'" + key + "' must be a list", null);
        return result;
    }

    private SigmaLogSource parseLogSource(YamlNode.Mapping document) {
        YamlNode node = document.get("logsource");
        if (node == null) {
            error(document.location(), "missing required field 'logsource'", null);
            return null;
        }
        if (!(node instanceof YamlNode.Mapping mapping)) {
            error(node.location(), "'logsource' must be a mapping", null);
            return null;
        }
        Map<String, String> custom = new LinkedHashMap<>();
        for (Map.Entry<String, YamlNode> entry : mapping.entries().entrySet()) {
            String key = entry.getKey();
            if (!key.equals("category") && !key.equals("product") && !key.equals("service")
                    && !key.equals("definition")) {
                String text = scalarText(entry.getValue());
                if (text != null) {
                    custom.put(key, text);
                }
            }
        }
        return new SigmaLogSource(optionalString(mapping, "category"),
                optionalString(mapping, "product"), optionalString(mapping, "service"),
                optionalString(mapping, "definition"), custom);
    }

    private void parseDetection(YamlNode.Mapping document, Map<String, SigmaDetection> detections,
            List<String> conditions, List<ConditionNode> parsedConditions) {
        YamlNode node = document.get("detection");
        if (node == null) {
            error(document.location(), "missing required field 'detection'", null);
            return;
        }
        if (!(node instanceof YamlNode.Mapping detection)) {
            error(node.location(), "'detection' must be a mapping", null);
            return;
        }
        for (Map.Entry<String, YamlNode> entry : detection.entries().entrySet()) {
            String identifier = entry.getKey();
            if (identifier.equals("condition")) {
                continue;
            }
            if (identifier.equals("timeframe")) {
                warning(keyLocation(detection, identifier),
                        "'timeframe' is obsolete and ignored; use a correlation rule", null);
                continue;
            }
            SigmaDetection parsed = parseSearch(entry.getValue(), keyLocation(detection, identifier));
            if (parsed != null) {
                detections.put(identifier, parsed);
            }
        }
        if (detections.isEmpty() && detection.entries().size() <= 1) {
            error(detection.location(), "detection has no search identifiers", null);
        }

        YamlNode condition = detection.get("condition");
        if (condition == null) {
            error(detection.location(), "detection.condition is missing", null);
            return;
        }
        List<YamlNode> conditionNodes = condition instanceof YamlNode.Sequence sequence
                ? sequence.items() : List.of(condition);
        if (conditionNodes.isEmpty()) {
            error(condition.location(), "detection.condition is empty", null);
        }
        List<String> identifiers = new ArrayList<>(detection.entries().keySet());
        identifiers.remove("condition");
        identifiers.remove("timeframe");
        for (YamlNode conditionNode : conditionNodes) {
            String text = scalarText(conditionNode);
            if (text == null) {
                error(conditionNode.location(), "a condition must be a string", null);
                continue;
            }
            conditions.add(text);
            try {
                parsedConditions.add(ConditionParser.parse(text, identifiers));
            } catch (ConditionException e) {
                // The column points into the condition text; quoting may shift it by one.
                SourceLocation where = conditionNode.location();
                int column = where.column() > 0 ? where.column() + e.column() - 1 : 0;
                error(new SourceLocation(where.file(), where.line(), column),
                        e.getMessage(), e.value());
            }
        }
    }

    /** Parses one search identifier's value. */
    private SigmaDetection parseSearch(YamlNode node, SourceLocation where) {
        if (node instanceof YamlNode.Mapping mapping) {
            return parseMap(mapping);
        }
        if (node instanceof YamlNode.Sequence sequence) {
            if (sequence.items().isEmpty()) {
                error(where, "search identifier has an empty list", null);
                return null;
            }
            List<DetectionNode> children = new ArrayList<>();
            List<Object> keywords = new ArrayList<>();
            for (YamlNode item : sequence.items()) {
                if (item instanceof YamlNode.Mapping mapping) {
                    SigmaDetection child = parseMap(mapping);
                    if (child != null) {
                        children.add(child);
                    }
                } else if (item instanceof YamlNode.Scalar scalar) {
                    keywords.add(scalar.value());
                } else {
                    error(item.location(), "a list in a search identifier must hold maps or values",
                            null);
                }
            }
            if (!keywords.isEmpty()) {
                SigmaDetectionItem item = buildItem(null, List.of(), keywords, sequence.location());
                if (item != null) {
                    children.add(item);
                }
            }
            return new SigmaDetection(children, SigmaDetection.Linking.OR, sequence.location());
        }
        YamlNode.Scalar scalar = (YamlNode.Scalar) node;
        if (scalar.value() == null) {
            error(where, "search identifier has no definition", null);
            return null;
        }
        SigmaDetectionItem item = buildItem(null, List.of(), List.of(scalar.value()), scalar.location());
        return item == null ? null
                : new SigmaDetection(List.of(item), SigmaDetection.Linking.OR, scalar.location());
    }

    private SigmaDetection parseMap(YamlNode.Mapping mapping) {
        List<DetectionNode> children = new ArrayList<>();
        if (mapping.entries().isEmpty()) {
            error(mapping.location(), "search identifier has an empty map", null);
            return null;
        }
        for (Map.Entry<String, YamlNode> entry : mapping.entries().entrySet()) {
            SourceLocation where = keyLocation(mapping, entry.getKey());
            String[] pieces = entry.getKey().split("\\|", -1);
            String field = pieces[0].isEmpty() ? null : pieces[0];
            List<String> modifiers = Arrays.asList(pieces).subList(1, pieces.length);
            List<Object> values = new ArrayList<>();
            YamlNode valueNode = entry.getValue();
            if (valueNode instanceof YamlNode.Sequence sequence) {
                for (YamlNode item : sequence.items()) {
                    if (item instanceof YamlNode.Scalar scalar) {
                        values.add(scalar.value());
                    } else {
                        error(item.location(), "a field's value list must hold plain values",
                                entry.getKey());
                    }
                }
                if (sequence.items().isEmpty()) {
                    values.add(null);
                }
            } else if (valueNode instanceof YamlNode.Scalar scalar) {
                values.add(scalar.value());
            } else {
                error(valueNode.location(), "a field's value must be a plain value or a list",
                        entry.getKey());
                continue;
            }
            SigmaDetectionItem item = buildItem(field, modifiers, values, where);
            if (item != null) {
                children.add(item);
            }
        }
        return new SigmaDetection(children, SigmaDetection.Linking.AND, mapping.location());
    }

    private SigmaDetectionItem buildItem(String field, List<String> modifiers, List<Object> values,
            SourceLocation where) {
        for (String modifier : modifiers) {
            if (modifier.isEmpty()) {
                error(where, "empty modifier name", String.join("|", modifiers));
                return null;
            }
        }
        try {
            Modifiers.Result result = Modifiers.apply(field, modifiers, values, placeholders);
            if (field == null) {
                for (SigmaValue value : result.values()) {
                    if (value == SigmaValue.NullValue.INSTANCE) {
                        throw new SigmaRuleException("a keyword cannot be null", "null");
                    }
                }
            }
            return new SigmaDetectionItem(field, modifiers, result.values(), result.allValues(),
                    result.negated(), where);
        } catch (SigmaRuleException e) {
            failed = true;
            problems.accept(new LoadProblem(LoadProblem.Severity.ERROR, where, e.getMessage(),
                    e.value()));
            return null;
        }
    }
}
