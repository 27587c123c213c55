package dev.harrier.io.evtx;

import dev.harrier.io.ReadProblem;
import dev.harrier.io.evtx.BinXmlNode.Attribute;
import dev.harrier.io.evtx.BinXmlNode.Element;
import dev.harrier.io.evtx.BinXmlNode.Fragment;
import dev.harrier.io.evtx.BinXmlNode.ProcessingInstruction;
import dev.harrier.io.evtx.BinXmlNode.Substitution;
import dev.harrier.io.evtx.BinXmlNode.TemplateInstance;
import dev.harrier.io.evtx.BinXmlNode.Text;
import dev.harrier.io.evtx.EvtxChunkReader.Item;

import java.nio.file.Path;
import java.util.List;

/**
 * Renders EVTX records as the event XML Windows shows, for dumping files. Values are rendered as in
 * the hunting path, with GUIDs in braces and times with seven fraction digits. Elements are
 * indented by two spaces, and attributes whose substitution is empty are left out.
 *
 * <p>This path builds a string per record and is meant for display, not for hunting.
 */
public final class EvtxXmlRenderer {
    private static final Object[] NO_VALUES = new Object[0];

    private EvtxXmlRenderer() {}

    /** Receives each record's XML with its EventRecordID, or the problems of the file. */
    public interface XmlSink {
        void record(String xml, String locator);

        void unreadable(ReadProblem problem);
    }

    /** Reads {@code file} and passes each record's XML to {@code sink} in file order. */
    public static void render(Path file, EvtxReadOptions options, XmlSink sink) {
        EvtxReader.readRecords(
                file,
                options,
                record -> new Item<>(toXml(record), Long.toUnsignedString(record.recordId()), null),
                new EvtxReader.ItemSink<String>() {
                    @Override
                    public void record(String value, String locator) {
                        sink.record(value, locator);
                    }

                    @Override
                    public void unreadable(ReadProblem problem) {
                        sink.unreadable(problem);
                    }
                });
    }

    static String toXml(EvtxRecord record) {
        StringBuilder out = new StringBuilder(2048);
        writeNodes(out, record.nodes(), NO_VALUES, 0, 0);
        return out.toString();
    }

    private static void writeNodes(
            StringBuilder out, List<BinXmlNode> nodes, Object[] values, int indent, int depth) {
        if (depth > BinXmlParser.MAX_DEPTH) {
            return;
        }
        for (BinXmlNode node : nodes) {
            if (node instanceof Element element) {
                writeElement(out, element, values, indent, depth + 1);
            } else if (node instanceof TemplateInstance instance) {
                writeNodes(out, instance.template().nodes(), instance.values(), indent, depth + 1);
            } else if (node instanceof Substitution substitution) {
                Object value = BinXmlTree.value(values, substitution.index());
                if (value instanceof Fragment fragment) {
                    writeNodes(out, fragment.nodes(), NO_VALUES, indent, depth + 1);
                } else if (value != null) {
                    StringBuilder text = new StringBuilder();
                    BinXmlTree.appendText(text, value);
                    escape(out, text, false);
                }
            } else if (node instanceof Text text) {
                escape(out, text.text(), false);
            } else if (node instanceof ProcessingInstruction instruction) {
                out.append("<?")
                        .append(instruction.target())
                        .append(' ')
                        .append(instruction.data())
                        .append("?>");
            }
        }
    }

    private static void writeElement(
            StringBuilder out, Element element, Object[] values, int indent, int depth) {
        if (out.length() > 0) {
            out.append('\n');
        }
        out.append("  ".repeat(indent)).append('<').append(element.name());
        for (Attribute attribute : element.attributes()) {
            Object value = BinXmlTree.attributeValue(attribute, values);
            if (value == null) {
                continue;
            }
            StringBuilder text = new StringBuilder();
            BinXmlTree.appendText(text, value);
            out.append(' ').append(attribute.name()).append("=\"");
            escape(out, text, true);
            out.append('"');
        }
        if (isEmpty(element, values)) {
            out.append("/>");
            return;
        }
        out.append('>');
        boolean childElements = BinXmlTree.hasChildElements(element, values);
        writeNodes(out, element.children(), values, indent + 1, depth);
        if (childElements) {
            out.append('\n').append("  ".repeat(indent));
        }
        out.append("</").append(element.name()).append('>');
    }

    private static boolean isEmpty(Element element, Object[] values) {
        for (BinXmlNode child : element.children()) {
            if (child instanceof Substitution substitution) {
                Object value = BinXmlTree.value(values, substitution.index());
                if (value != null && !"".equals(value)) {
                    return false;
                }
            } else if (child instanceof Text text) {
                if (!text.text().isEmpty()) {
                    return false;
                }
            } else {
                return false;
            }
        }
        return true;
    }

    private static void escape(StringBuilder out, CharSequence text, boolean attribute) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&':
                    out.append("&amp;");
                    break;
                case '<':
                    out.append("&lt;");
                    break;
                case '>':
                    out.append("&gt;");
                    break;
                case '"':
                    out.append(attribute ? "&quot;" : "\"");
                    break;
                default:
                    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0xFFFE || c == 0xFFFF) {
                        // XML 1.0 allows these characters in no form, not even as references, so
                        // they are shown as U+FFFD and the output stays well-formed.
                        out.append('\uFFFD');
                    } else {
                        out.append(c);
                    }
            }
        }
    }
}
