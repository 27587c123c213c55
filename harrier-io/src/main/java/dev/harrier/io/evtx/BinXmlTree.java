package dev.harrier.io.evtx;

import dev.harrier.io.evtx.BinXmlNode.Attribute;
import dev.harrier.io.evtx.BinXmlNode.Element;
import dev.harrier.io.evtx.BinXmlNode.Fragment;
import dev.harrier.io.evtx.BinXmlNode.Substitution;
import dev.harrier.io.evtx.BinXmlNode.TemplateInstance;
import dev.harrier.io.evtx.BinXmlNode.Text;

import java.util.List;

/**
 * Navigation over template nodes together with the substitution values of one instance, without
 * building a tree per record. Substitution values that hold nested binary XML are walked as if
 * their elements sat in place of the substitution.
 */
final class BinXmlTree {
    private static final Object[] NO_VALUES = new Object[0];

    private BinXmlTree() {}

    /** Receives an element together with the values its substitutions refer to. */
    @FunctionalInterface
    interface ElementVisitor {
        void visit(Element element, Object[] values);
    }

    /** Calls {@code visitor} for each element among {@code nodes}, expanding templates. */
    static void forEachElement(List<BinXmlNode> nodes, Object[] values, ElementVisitor visitor) {
        forEachElement(nodes, values, visitor, 0);
    }

    private static void forEachElement(
            List<BinXmlNode> nodes, Object[] values, ElementVisitor visitor, int depth) {
        if (depth > BinXmlParser.MAX_DEPTH) {
            return;
        }
        for (int i = 0; i < nodes.size(); i++) {
            BinXmlNode node = nodes.get(i);
            if (node instanceof Element element) {
                visitor.visit(element, values);
            } else if (node instanceof TemplateInstance instance) {
                forEachElement(instance.template().nodes(), instance.values(), visitor, depth + 1);
            } else if (node instanceof Substitution substitution) {
                Object value = value(values, substitution.index());
                if (value instanceof Fragment fragment) {
                    forEachElement(fragment.nodes(), NO_VALUES, visitor, depth + 1);
                }
            }
        }
    }

    /** Calls {@code visitor} for each child element of {@code element}. */
    static void forEachChild(Element element, Object[] values, ElementVisitor visitor) {
        forEachElement(element.children(), values, visitor, 0);
    }

    /**
     * Returns true when the element has child elements, counting a nested template or binary XML
     * value as one.
     */
    static boolean hasChildElements(Element element, Object[] values) {
        List<BinXmlNode> children = element.children();
        for (int i = 0; i < children.size(); i++) {
            BinXmlNode node = children.get(i);
            if (node instanceof Element || node instanceof TemplateInstance) {
                return true;
            }
            if (node instanceof Substitution substitution
                    && value(values, substitution.index()) instanceof Fragment) {
                return true;
            }
        }
        return false;
    }

    static Object value(Object[] values, int index) {
        return index < values.length ? values[index] : null;
    }

    /**
     * Returns the text content of an element: a single value as it is ({@link String}, {@link Long}
     * or {@link List}), several parts joined as text, or null when there is none.
     */
    static Object text(Element element, Object[] values) {
        return joinParts(element.children(), values);
    }

    /**
     * Returns an attribute's value, or null when the attribute has no value because its
     * substitutions are empty (Windows leaves such attributes out).
     */
    static Object attributeValue(Attribute attribute, Object[] values) {
        return joinParts(attribute.value(), values);
    }

    private static Object joinParts(List<BinXmlNode> nodes, Object[] values) {
        Object single = null;
        StringBuilder joined = null;
        for (int i = 0; i < nodes.size(); i++) {
            BinXmlNode node = nodes.get(i);
            Object part;
            if (node instanceof Text text) {
                part = text.text();
            } else if (node instanceof Substitution substitution) {
                part = value(values, substitution.index());
                if (part == null || part instanceof Fragment) {
                    continue;
                }
            } else {
                continue;
            }
            if (single == null && joined == null) {
                single = part;
            } else {
                if (joined == null) {
                    joined = new StringBuilder();
                    appendText(joined, single);
                }
                appendText(joined, part);
            }
        }
        return joined != null ? joined.toString() : single;
    }

    /** Appends a value as text, separating list elements with commas. */
    static void appendText(StringBuilder out, Object value) {
        if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                out.append(list.get(i));
            }
        } else {
            out.append(value);
        }
    }
}
