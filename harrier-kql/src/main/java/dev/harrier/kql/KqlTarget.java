package dev.harrier.kql;

import dev.harrier.core.rule.SigmaLogSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * A conversion target: which tables a query reads for each log source and how fields map to their
 * columns. Targets are data, loaded from the YAML resources under {@code dev/harrier/kql/targets}.
 *
 * @param name the name users pass to {@code --target}
 * @param description one line for help text
 * @param bare whether the target emits only the predicate, with Sigma field names as columns
 * @param routes the routes, tried in order; the first that serves a rule's log source wins
 * @param connectors table name to the Sentinel data connector id that fills it
 */
public record KqlTarget(
        String name,
        String description,
        boolean bare,
        List<TargetRoute> routes,
        Map<String, String> connectors) {

    /** The names of the bundled targets, in the order help text lists them. */
    public static final List<String> BUNDLED = List.of(
            "sentinel-asim", "defender-xdr", "sentinel-sysmon", "sentinel-security", "kql");

    public KqlTarget {
        routes = List.copyOf(routes);
        connectors = Map.copyOf(connectors);
    }

    /** Returns the first route serving the log source, or null when the target has none. */
    public TargetRoute route(SigmaLogSource source) {
        for (TargetRoute route : routes) {
            if (route.serves(source)) {
                return route;
            }
        }
        return null;
    }

    /**
     * Loads a bundled target by name.
     *
     * @throws IllegalArgumentException when no bundled target has that name
     */
    public static KqlTarget bundled(String name) {
        if (!BUNDLED.contains(name)) {
            throw new IllegalArgumentException(
                    "unknown target '" + name + "'; expected one of " + String.join(", ", BUNDLED));
        }
        String resource = "/dev/harrier/kql/targets/" + name + ".yaml";
        try (InputStream in = KqlTarget.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("bundled resource missing: " + resource);
            }
            Object root = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
            return parse(name, (Map<?, ?>) root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    private static KqlTarget parse(String name, Map<?, ?> root) {
        Map<String, List<TargetRoute.FieldColumn>> common = parseFields(root.get("fields"));
        List<TargetRoute> routes = new ArrayList<>();
        for (Object item : list(root.get("routes"))) {
            routes.add(parseRoute((Map<?, ?>) item, common, stringMap(root.get("entities"))));
        }
        return new KqlTarget(
                name,
                text(root.get("description")),
                Boolean.TRUE.equals(root.get("bare")),
                routes,
                stringMap(root.get("connectors")));
    }

    private static TargetRoute parseRoute(Map<?, ?> item,
            Map<String, List<TargetRoute.FieldColumn>> common, Map<String, String> entities) {
        Map<?, ?> logSource = (Map<?, ?>) item.get("logsource");
        Map<String, List<TargetRoute.FieldColumn>> fields = new LinkedHashMap<>(common);
        fields.putAll(parseFields(item.get("fields")));
        List<Integer> eventIds = new ArrayList<>();
        Object sysmon = item.get("sysmon");
        for (Object id : list(sysmon)) {
            eventIds.add(((Number) id).intValue());
        }
        return new TargetRoute(
                text(logSource.get("category")),
                text(logSource.get("product")),
                text(logSource.get("service")),
                text(item.get("table")),
                sysmon != null,
                eventIds,
                text(item.get("where")),
                fields,
                stringMap(item.get("derived")),
                Boolean.TRUE.equals(item.get("passThrough")),
                item.containsKey("entities") ? stringMap(item.get("entities")) : entities);
    }

    /**
     * Reads a field map. A value is a column name, a list of column names, or a map {@code {column:
     * X, part: file-name}} for a column that contains only the file name.
     */
    private static Map<String, List<TargetRoute.FieldColumn>> parseFields(Object node) {
        Map<String, List<TargetRoute.FieldColumn>> fields = new LinkedHashMap<>();
        if (node == null) {
            return fields;
        }
        for (Map.Entry<?, ?> entry : ((Map<?, ?>) node).entrySet()) {
            List<TargetRoute.FieldColumn> columns = new ArrayList<>();
            Object value = entry.getValue();
            for (Object column : value instanceof List<?> many ? many : List.of(value)) {
                if (column instanceof Map<?, ?> spec) {
                    columns.add(new TargetRoute.FieldColumn(
                            text(spec.get("column")), "file-name".equals(spec.get("part"))));
                } else {
                    columns.add(new TargetRoute.FieldColumn(text(column), false));
                }
            }
            fields.put(String.valueOf(entry.getKey()), List.copyOf(columns));
        }
        return fields;
    }

    private static List<?> list(Object node) {
        return node instanceof List<?> items ? items : List.of();
    }

    private static Map<String, String> stringMap(Object node) {
        Map<String, String> map = new LinkedHashMap<>();
        if (node instanceof Map<?, ?> entries) {
            for (Map.Entry<?, ?> entry : entries.entrySet()) {
                map.put(String.valueOf(entry.getKey()), String.valueOf(entry.getValue()));
            }
        }
        return map;
    }

    private static String text(Object node) {
        return node == null ? null : String.valueOf(node);
    }
}
