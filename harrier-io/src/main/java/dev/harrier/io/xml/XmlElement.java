package dev.harrier.io.xml;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An element of one parsed event: local name, attributes, text and child elements. */
final class XmlElement {
    final String name;
    final Map<String, String> attributes = new LinkedHashMap<>();
    final List<XmlElement> children = new ArrayList<>();
    final StringBuilder text = new StringBuilder();

    XmlElement(String name) {
        this.name = name;
    }

    XmlElement child(String childName) {
        for (XmlElement child : children) {
            if (child.name.equals(childName)) {
                return child;
            }
        }
        return null;
    }

    String text() {
        return text.toString();
    }
}
