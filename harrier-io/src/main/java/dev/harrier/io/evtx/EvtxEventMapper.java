package dev.harrier.io.evtx;

import dev.harrier.core.event.Event;
import dev.harrier.io.evtx.BinXmlNode.Attribute;
import dev.harrier.io.evtx.BinXmlNode.Element;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a parsed record into a flat {@link Event} of shape {@code evtx}, reading the template nodes
 * and substitution values directly.
 *
 * <p>Field names: an element's text under its name and its attributes as {@code Element_Attribute}
 * ({@code Provider_Name}, {@code Execution_ProcessID}), except {@code TimeCreated} for {@code
 * TimeCreated/@SystemTime} and {@code Qualifiers} for {@code EventID/@Qualifiers}. {@code <Data
 * Name="X">} becomes {@code X}; unnamed {@code Data} elements become a list under {@code Data}. The
 * children of the {@code UserData} element become fields by their names, with deeper elements as
 * nested maps.
 */
final class EvtxEventMapper {
    static final String SHAPE = "evtx";

    private EvtxEventMapper() {}

    static Event toEvent(EvtxRecord record) {
        Event.Builder builder = Event.builder(SHAPE);
        List<Object> unnamedData = new ArrayList<>(0);
        BinXmlTree.forEachElement(
                record.nodes(),
                new Object[0],
                (root, values) ->
                        BinXmlTree.forEachChild(
                                root,
                                values,
                                (section, sectionValues) ->
                                        mapSection(builder, unnamedData, section, sectionValues)));
        if (!unnamedData.isEmpty()) {
            builder.put("Data", unnamedData);
        }

        Object recordId = builder.get("EventRecordID");
        if (recordId == null) {
            recordId = record.recordId();
            builder.put("EventRecordID", recordId);
        }
        builder.recordId(recordId.toString());

        Instant timestamp = null;
        if (builder.get("TimeCreated") instanceof String created) {
            timestamp = WindowsTime.parseInstant(created);
        }
        if (timestamp == null) {
            timestamp = WindowsTime.filetimeToInstant(record.writtenTime());
        }
        builder.timestamp(timestamp);
        return builder.build();
    }

    private static void mapSection(
            Event.Builder builder, List<Object> unnamedData, Element section, Object[] values) {
        switch (section.name()) {
            case "System":
                BinXmlTree.forEachChild(
                        section,
                        values,
                        (child, childValues) -> mapSystem(builder, child, childValues));
                break;
            case "EventData":
                mapAttributes(builder, section, values);
                BinXmlTree.forEachChild(
                        section,
                        values,
                        (child, childValues) ->
                                mapEventData(builder, unnamedData, child, childValues));
                break;
            case "UserData":
                BinXmlTree.forEachChild(
                        section,
                        values,
                        (payload, payloadValues) -> {
                            mapAttributes(builder, payload, payloadValues);
                            BinXmlTree.forEachChild(
                                    payload,
                                    payloadValues,
                                    (child, childValues) ->
                                            putElement(builder, child, childValues));
                        });
                break;
            default:
                // Other sections (RenderingInfo, ProcessingErrorData, DebugData) map their
                // children by name and never replace a field that System or EventData set.
                BinXmlTree.forEachChild(
                        section,
                        values,
                        (child, childValues) -> {
                            if (section.name().equals("RenderingInfo")
                                    && child.name().equals("Message")
                                    && BinXmlTree.text(child, childValues) instanceof String text) {
                                // Forwarded events carry the rendered message text, which
                                // keyword searches use.
                                builder.rawMessage(text);
                            }
                            if (!builder.has(child.name())) {
                                putElement(builder, child, childValues);
                            }
                        });
                break;
        }
    }

    private static void mapSystem(Event.Builder builder, Element element, Object[] values) {
        String name = element.name();
        for (Attribute attribute : element.attributes()) {
            Object value = BinXmlTree.attributeValue(attribute, values);
            if (value == null) {
                continue;
            }
            String field = systemAttributeField(name, attribute);
            builder.put(field, systemValue(field, value));
        }
        if (BinXmlTree.hasChildElements(element, values)) {
            BinXmlTree.forEachChild(
                    element,
                    values,
                    (child, childValues) -> putElement(builder, child, childValues));
            return;
        }
        Object text = BinXmlTree.text(element, values);
        if (text != null) {
            builder.put(name, systemValue(name, text));
        } else if (element.attributes().isEmpty()) {
            // An element such as <Correlation ActivityID="..."/> whose attributes are all empty
            // stays absent. An element without attributes is present with empty text.
            builder.put(name, "");
        }
    }

    private static String systemAttributeField(String element, Attribute attribute) {
        if (element.equals("TimeCreated") && attribute.name().equals("SystemTime")) {
            return "TimeCreated";
        }
        if (element.equals("EventID") && attribute.name().equals("Qualifiers")) {
            return "Qualifiers";
        }
        return attribute.fieldName();
    }

    /** Returns numeric System fields as Long, whether the template had a number or text. */
    private static Object systemValue(String field, Object value) {
        switch (field) {
            case "EventID":
            case "Qualifiers":
            case "Version":
            case "Level":
            case "Task":
            case "Opcode":
            case "EventRecordID":
            case "Execution_ProcessID":
            case "Execution_ThreadID":
                return value instanceof String text ? parseLongOrKeep(text) : value;
            default:
                return value;
        }
    }

    private static Object parseLongOrKeep(String text) {
        int length = text.length();
        if (length == 0 || length > 18) {
            return text;
        }
        long result = 0;
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return text;
            }
            result = result * 10 + (c - '0');
        }
        return result;
    }

    private static void mapEventData(
            Event.Builder builder, List<Object> unnamedData, Element element, Object[] values) {
        String name = element.name();
        if (name.equals("Data")) {
            String dataName = null;
            for (Attribute attribute : element.attributes()) {
                if (attribute.name().equals("Name")) {
                    Object value = BinXmlTree.attributeValue(attribute, values);
                    dataName = value == null ? null : value.toString();
                }
            }
            Object text = BinXmlTree.text(element, values);
            Object value = text == null ? "" : text;
            if (dataName != null && !dataName.isEmpty()) {
                builder.put(dataName, value);
            } else if (value instanceof List<?> list) {
                unnamedData.addAll(list);
            } else {
                unnamedData.add(value);
            }
            return;
        }
        if (name.equals("Binary")) {
            Object text = BinXmlTree.text(element, values);
            builder.put("Binary", text == null ? "" : text);
            return;
        }
        putElement(builder, element, values);
    }

    private static void mapAttributes(Event.Builder builder, Element element, Object[] values) {
        for (Attribute attribute : element.attributes()) {
            if (attribute.name().equals("xmlns") || attribute.name().startsWith("xmlns:")) {
                continue;
            }
            Object value = BinXmlTree.attributeValue(attribute, values);
            if (value != null) {
                builder.put(attribute.fieldName(), value);
            }
        }
    }

    /** Puts an element as a field: leaf text, or a nested map when it has child elements. */
    private static void putElement(Event.Builder builder, Element element, Object[] values) {
        mapAttributes(builder, element, values);
        Object value = elementValue(element, values, 0);
        if (value != null) {
            addField(builder, element.name(), value);
        }
    }

    /**
     * Returns a nested map for an element with child elements, else its text. Returns null for an
     * element that has attributes but no text, such as {@code <EventAuxInfo ProcessName="x"/>},
     * because its attributes already carry its content.
     */
    private static Object elementValue(Element element, Object[] values, int depth) {
        if (depth < BinXmlParser.MAX_DEPTH && BinXmlTree.hasChildElements(element, values)) {
            Map<String, Object> map = new LinkedHashMap<>();
            BinXmlTree.forEachChild(
                    element,
                    values,
                    (child, childValues) -> {
                        for (Attribute attribute : child.attributes()) {
                            Object value = BinXmlTree.attributeValue(attribute, childValues);
                            if (value != null && !attribute.name().startsWith("xmlns")) {
                                map.put(attribute.fieldName(), value);
                            }
                        }
                        Object value = elementValue(child, childValues, depth + 1);
                        if (value != null) {
                            Object previous = map.get(child.name());
                            map.put(
                                    child.name(),
                                    previous == null ? value : merge(previous, value));
                        }
                    });
            return map;
        }
        Object text = BinXmlTree.text(element, values);
        if (text == null) {
            return element.attributes().isEmpty() ? "" : null;
        }
        return text;
    }

    private static void addField(Event.Builder builder, String name, Object value) {
        Object previous = builder.get(name);
        builder.put(name, previous == null ? value : merge(previous, value));
    }

    /** Combines repeated elements of one name into a list, in document order. */
    private static Object merge(Object previous, Object value) {
        List<Object> list;
        if (previous instanceof RepeatedValues repeated) {
            list = repeated;
        } else {
            list = new RepeatedValues();
            list.add(previous);
        }
        list.add(value);
        return list;
    }

    /** A list built from repeated elements, distinct from a list that one array value produced. */
    private static final class RepeatedValues extends ArrayList<Object> {}
}
