package dev.harrier.io.xml;

import dev.harrier.core.event.Event;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Maps the element tree of one Windows event to an event with EVTX field names. */
final class WindowsXmlEvents {
    /** System fields that EVTX stores as numbers. */
    private static final Set<String> NUMERIC_FIELDS =
            Set.of(
                    "EventID",
                    "EventRecordID",
                    "Version",
                    "Level",
                    "Task",
                    "Opcode",
                    "Execution_ProcessID",
                    "Execution_ThreadID");

    private WindowsXmlEvents() {}

    static Event toEvent(XmlElement root) {
        Event.Builder event = Event.builder(WindowsXmlReader.SHAPE);
        XmlElement system = root.child("System");
        if (system != null) {
            putSystem(system, event);
        }
        XmlElement eventData = root.child("EventData");
        if (eventData != null) {
            putEventData(eventData, event);
        }
        XmlElement userData = root.child("UserData");
        if (userData != null) {
            for (XmlElement child : userData.children) {
                flatten(child, event);
            }
        }
        XmlElement rendering = root.child("RenderingInfo");
        if (rendering != null && rendering.child("Message") != null) {
            event.rawMessage(rendering.child("Message").text());
        }
        Object recordId = event.get("EventRecordID");
        if (recordId != null) {
            event.recordId(String.valueOf(recordId));
        }
        Object systemTime = event.get("TimeCreated");
        if (systemTime instanceof String text) {
            event.timestamp(WindowsXmlReader.parseSystemTime(text));
        }
        return event.build();
    }

    private static void putSystem(XmlElement system, Event.Builder event) {
        for (XmlElement element : system.children) {
            String text = element.text().strip();
            if (!text.isEmpty()) {
                event.put(element.name, systemValue(element.name, text));
            }
            for (Map.Entry<String, String> attribute : element.attributes.entrySet()) {
                String name = element.name + "_" + attribute.getKey();
                if (element.name.equals("EventID") && attribute.getKey().equals("Qualifiers")) {
                    name = "Qualifiers";
                }
                event.put(name, systemValue(name, attribute.getValue()));
            }
            if (element.name.equals("TimeCreated")
                    && element.attributes.containsKey("SystemTime")) {
                event.put("TimeCreated", element.attributes.get("SystemTime"));
            }
        }
    }

    private static Object systemValue(String name, String text) {
        if (NUMERIC_FIELDS.contains(name)
                && !text.isEmpty()
                && text.length() <= 18
                && text.chars().allMatch(Character::isDigit)) {
            return Long.parseLong(text);
        }
        return text;
    }

    private static void putEventData(XmlElement eventData, Event.Builder event) {
        List<String> unnamed = new ArrayList<>();
        for (XmlElement element : eventData.children) {
            String name = element.attributes.get("Name");
            if (element.name.equals("Data") && name == null) {
                unnamed.add(element.text());
            } else if (name != null) {
                event.put(name, element.text());
            } else {
                event.put(element.name, element.text());
            }
        }
        if (!unnamed.isEmpty()) {
            event.put("Data", List.copyOf(unnamed));
        }
    }

    /** Puts each leaf element under its local name and its attributes as {@code Leaf_Attr}. */
    private static void flatten(XmlElement element, Event.Builder event) {
        if (element.children.isEmpty()) {
            event.put(element.name, element.text());
        }
        for (Map.Entry<String, String> attribute : element.attributes.entrySet()) {
            if (!attribute.getKey().equals("xmlns")) {
                event.put(element.name + "_" + attribute.getKey(), attribute.getValue());
            }
        }
        for (XmlElement child : element.children) {
            flatten(child, event);
        }
    }
}
