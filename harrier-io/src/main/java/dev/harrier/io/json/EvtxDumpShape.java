package dev.harrier.io.json;

import dev.harrier.core.event.Event;
import dev.harrier.core.event.JsonNull;
import dev.harrier.io.Timestamps;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@value JsonShapes#EVTX_DUMP} shape: {@code {"Event": {"System": ..., "EventData": ...}}},
 * where XML attributes sit under {@code #attributes} and element text under {@code #text}.
 *
 * <p>{@code System} children become flat names: an element's text under its own name, each
 * attribute as {@code Element_Attribute} ({@code Provider_Name}, {@code Execution_ProcessID},
 * {@code Security_UserID}, {@code Correlation_ActivityID}). Two exceptions follow the names Sigma
 * uses: {@code TimeCreated} is the {@code SystemTime} attribute, and the {@code Qualifiers}
 * attribute of {@code EventID} is {@code Qualifiers}. {@code EventData} keys keep their names, and
 * unnamed {@code Data} values become one {@code Data} list. The children of {@code UserData}'s
 * element become top-level names.
 *
 * <p>When an {@code EventData} or {@code UserData} name equals a {@code System} name (a {@code
 * UserData} child named {@code Channel}, for example), the {@code System} value wins, because
 * log-source matching relies on it.
 */
final class EvtxDumpShape {
    private static final String ATTRIBUTES = "#attributes";
    private static final String TEXT = "#text";

    private EvtxDumpShape() {}

    static boolean matches(Map<?, ?> event) {
        return event.get("System") instanceof Map
                || event.containsKey("EventData")
                || event.containsKey("UserData");
    }

    static Event toEvent(Map<String, Object> root, Map<?, ?> event) {
        Event.Builder builder = Event.builder(JsonShapes.EVTX_DUMP);
        if (event.get("System") instanceof Map<?, ?> system) {
            putSystem(builder, system);
        }
        putEventData(builder, event.get("EventData"));
        putUserData(builder, event.get("UserData"));
        for (Map.Entry<?, ?> entry : event.entrySet()) {
            String name = String.valueOf(entry.getKey());
            if (!isStructural(name)) {
                builder.putIfAbsent(name, entry.getValue());
            }
        }
        for (Map.Entry<String, Object> entry : root.entrySet()) {
            if (!entry.getKey().equals("Event")) {
                builder.putIfAbsent(entry.getKey(), entry.getValue());
            }
        }

        if (event.get("RenderingInfo") instanceof Map<?, ?> rendering
                && rendering.get("Message") instanceof String message) {
            builder.rawMessage(message);
        }
        builder.timestamp(Timestamps.parse(builder.get("TimeCreated")));
        builder.recordId(JsonShapes.recordId(builder.get("EventRecordID")));
        return builder.build();
    }

    private static boolean isStructural(String name) {
        return name.equals(ATTRIBUTES)
                || name.equals("System")
                || name.equals("EventData")
                || name.equals("UserData");
    }

    /**
     * The suffix evtx_dump uses with {@code --separate-json-attributes}: an element's attributes sit
     * in a sibling object {@code <Element>_attributes} instead of under {@code #attributes}.
     */
    private static final String SEPARATE_ATTRIBUTES_SUFFIX = "_attributes";

    private static void putSystem(Event.Builder builder, Map<?, ?> system) {
        for (Map.Entry<?, ?> entry : system.entrySet()) {
            String name = String.valueOf(entry.getKey());
            Object value = entry.getValue();
            if (name.endsWith(SEPARATE_ATTRIBUTES_SUFFIX) && value instanceof Map<?, ?> attributes
                    && name.length() > SEPARATE_ATTRIBUTES_SUFFIX.length()) {
                String element = name.substring(0, name.length() - SEPARATE_ATTRIBUTES_SUFFIX.length());
                for (Map.Entry<?, ?> attribute : attributes.entrySet()) {
                    builder.put(systemAttributeName(element, String.valueOf(attribute.getKey())),
                            attribute.getValue());
                }
                continue;
            }
            if (value == null || value == JsonNull.INSTANCE) {
                // An empty element such as <Security /> carries nothing to match.
                continue;
            }
            if (!(value instanceof Map<?, ?> element)) {
                builder.put(name, value);
                continue;
            }
            if (element.containsKey(TEXT)) {
                builder.put(name, element.get(TEXT));
            }
            if (element.get(ATTRIBUTES) instanceof Map<?, ?> attributes) {
                for (Map.Entry<?, ?> attribute : attributes.entrySet()) {
                    builder.put(
                            systemAttributeName(name, String.valueOf(attribute.getKey())),
                            attribute.getValue());
                }
            }
            for (Map.Entry<?, ?> child : element.entrySet()) {
                String childName = String.valueOf(child.getKey());
                if (!childName.equals(TEXT) && !childName.equals(ATTRIBUTES)) {
                    builder.put(name + "_" + childName, child.getValue());
                }
            }
        }
    }

    private static String systemAttributeName(String element, String attribute) {
        if (element.equals("TimeCreated") && attribute.equals("SystemTime")) {
            return "TimeCreated";
        }
        if (element.equals("EventID") && attribute.equals("Qualifiers")) {
            return "Qualifiers";
        }
        return element + "_" + attribute;
    }

    static void putEventData(Event.Builder builder, Object eventData) {
        if (eventData instanceof Map<?, ?> data) {
            for (Map.Entry<?, ?> entry : data.entrySet()) {
                String name = String.valueOf(entry.getKey());
                Object value = entry.getValue();
                if (name.equals(ATTRIBUTES)) {
                    continue;
                }
                if (name.equals(TEXT)) {
                    putData(builder, value);
                } else if (name.equals("Data")) {
                    putData(
                            builder,
                            value instanceof Map<?, ?> m && m.containsKey(TEXT)
                                    ? m.get(TEXT)
                                    : value);
                } else {
                    builder.putIfAbsent(name, value);
                }
            }
        } else if (eventData instanceof List<?>
                || eventData instanceof String
                || eventData instanceof Number) {
            putData(builder, eventData);
        }
    }

    /** Stores unnamed {@code <Data>} values as one {@code Data} list. */
    private static void putData(Event.Builder builder, Object value) {
        List<Object> values = new ArrayList<>();
        if (value instanceof List<?> list) {
            for (Object element : list) {
                values.add(
                        element instanceof Map<?, ?> m && m.containsKey(TEXT)
                                ? m.get(TEXT)
                                : element);
            }
        } else if (value != null && value != JsonNull.INSTANCE) {
            values.add(value);
        }
        if (builder.get("Data") instanceof List<?> earlier) {
            values.addAll(0, earlier);
        }
        builder.put("Data", List.copyOf(values));
    }

    static void putUserData(Event.Builder builder, Object userData) {
        if (!(userData instanceof Map<?, ?> data)) {
            return;
        }
        for (Map.Entry<?, ?> entry : data.entrySet()) {
            String name = String.valueOf(entry.getKey());
            if (name.equals(ATTRIBUTES)) {
                continue;
            }
            if (entry.getValue() instanceof Map<?, ?> element) {
                for (Map.Entry<?, ?> child : element.entrySet()) {
                    String childName = String.valueOf(child.getKey());
                    if (!childName.equals(ATTRIBUTES)) {
                        builder.putIfAbsent(childName, child.getValue());
                    }
                }
            } else {
                builder.putIfAbsent(name, entry.getValue());
            }
        }
    }
}
