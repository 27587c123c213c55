package dev.harrier.io.csv;

import com.fasterxml.jackson.databind.JsonNode;

import dev.harrier.core.event.Event;
import dev.harrier.core.event.JsonNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Flattens a JSON cell into dotted field names beside its text. An object cell {@code Extra} with
 * <code>{"a":{"b":1}}</code> adds {@code Extra.a.b = 1}. An array cell of objects adds, per key, a
 * list of the elements' values ({@code Extra.key = [v1, v2]}), which a Sigma test passes when any
 * element passes. Arrays inside objects become lists. A dotted name that is already a column is
 * left alone.
 */
final class JsonCells {
    private JsonCells() {}

    static void flatten(String column, JsonNode json, Event.Builder event) {
        if (json.isObject()) {
            flattenObject(column, json, event);
        } else if (json.isArray()) {
            Map<String, List<Object>> byKey = new LinkedHashMap<>();
            for (JsonNode element : json) {
                if (!element.isObject()) {
                    continue;
                }
                for (Map.Entry<String, JsonNode> field : element.properties()) {
                    byKey.computeIfAbsent(field.getKey(), key -> new ArrayList<>())
                            .add(toValue(field.getValue()));
                }
            }
            for (Map.Entry<String, List<Object>> key : byKey.entrySet()) {
                event.putIfAbsent(column + "." + key.getKey(), List.copyOf(key.getValue()));
            }
        }
    }

    private static void flattenObject(String prefix, JsonNode object, Event.Builder event) {
        for (Map.Entry<String, JsonNode> field : object.properties()) {
            String name = prefix + "." + field.getKey();
            if (field.getValue().isObject()) {
                flattenObject(name, field.getValue(), event);
            } else {
                event.putIfAbsent(name, toValue(field.getValue()));
            }
        }
    }

    /** Converts JSON to the event value types: String, Long, BigDecimal, Boolean, List, Map. */
    static Object toValue(JsonNode node) {
        if (node.isTextual()) {
            return node.textValue();
        }
        if (node.isIntegralNumber()) {
            return node.canConvertToLong() ? (Object) node.longValue() : node.decimalValue();
        }
        if (node.isNumber()) {
            return node.decimalValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>();
            for (JsonNode element : node) {
                list.add(toValue(element));
            }
            return Collections.unmodifiableList(list);
        }
        if (node.isObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                map.put(field.getKey(), toValue(field.getValue()));
            }
            return Collections.unmodifiableMap(map);
        }
        return JsonNull.INSTANCE;
    }
}
