package dev.harrier.io.evtx;

import static dev.harrier.io.evtx.EvtxBytes.require;
import static dev.harrier.io.evtx.EvtxBytes.u16;
import static dev.harrier.io.evtx.EvtxBytes.u32;
import static dev.harrier.io.evtx.EvtxBytes.u8;

import dev.harrier.io.evtx.BinXmlNode.Attribute;
import dev.harrier.io.evtx.BinXmlNode.CompiledTemplate;
import dev.harrier.io.evtx.BinXmlNode.Element;
import dev.harrier.io.evtx.BinXmlNode.Fragment;
import dev.harrier.io.evtx.BinXmlNode.ProcessingInstruction;
import dev.harrier.io.evtx.BinXmlNode.Substitution;
import dev.harrier.io.evtx.BinXmlNode.TemplateInstance;
import dev.harrier.io.evtx.BinXmlNode.Text;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parses the binary XML of one chunk (MS-EVEN6 BinXml as stored in EVTX files).
 *
 * <p>Names and template definitions are referenced by chunk-relative offsets. The parser caches
 * both per chunk: a template is compiled into {@link BinXmlNode}s the first time any record refers
 * to it, whether the definition sits inline in that record or in an earlier one, and later records
 * only decode their substitution values. Not thread-safe: one parser serves one chunk on one
 * thread.
 */
final class BinXmlParser {
    /** Maximum depth of nested elements, nested binary XML values and templates. */
    static final int MAX_DEPTH = 64;

    private static final int TOKEN_END_OF_STREAM = 0x00;
    private static final int TOKEN_OPEN_START_ELEMENT = 0x01;
    private static final int TOKEN_CLOSE_START_ELEMENT = 0x02;
    private static final int TOKEN_CLOSE_EMPTY_ELEMENT = 0x03;
    private static final int TOKEN_END_ELEMENT = 0x04;
    private static final int TOKEN_VALUE = 0x05;
    private static final int TOKEN_ATTRIBUTE = 0x06;
    private static final int TOKEN_CDATA_SECTION = 0x07;
    private static final int TOKEN_CHAR_REFERENCE = 0x08;
    private static final int TOKEN_ENTITY_REFERENCE = 0x09;
    private static final int TOKEN_PI_TARGET = 0x0a;
    private static final int TOKEN_PI_DATA = 0x0b;
    private static final int TOKEN_TEMPLATE_INSTANCE = 0x0c;
    private static final int TOKEN_NORMAL_SUBSTITUTION = 0x0d;
    private static final int TOKEN_OPTIONAL_SUBSTITUTION = 0x0e;
    private static final int TOKEN_FRAGMENT_HEADER = 0x0f;

    /** The "more data" flag (0x40) on element, value, attribute and reference tokens. */
    private static final int TOKEN_TYPE_MASK = 0xbf;

    private static final int TOKEN_HAS_ATTRIBUTES = 0x40;

    /** Size of a template definition header: next offset, GUID and data size. */
    private static final int TEMPLATE_HEADER_SIZE = 24;

    private final byte[] chunk;
    private final int limit;
    private final Map<Integer, String> names = new HashMap<>();
    private final Map<Integer, CompiledTemplate> templates = new HashMap<>();
    private final Set<Integer> templatesInProgress = new HashSet<>();
    private int position;

    /**
     * @param chunk the chunk bytes
     * @param limit the number of valid bytes in {@code chunk} (less than the chunk size for a
     *     truncated trailing chunk)
     */
    BinXmlParser(byte[] chunk, int limit) {
        this.chunk = chunk;
        this.limit = limit;
    }

    /** Parses a record's binary XML, which occupies {@code [offset, end)} of the chunk. */
    List<BinXmlNode> parseRecord(int offset, int end) {
        position = offset;
        return parseFragment(end, false, 0);
    }

    private List<BinXmlNode> parseFragment(int end, boolean inTemplate, int depth) {
        checkDepth(depth);
        List<BinXmlNode> nodes = new ArrayList<>(2);
        while (position < end) {
            int token = u8(chunk, position, end, "binxml.token");
            switch (token & TOKEN_TYPE_MASK) {
                case TOKEN_END_OF_STREAM:
                    position++;
                    return nodes;
                case TOKEN_FRAGMENT_HEADER:
                    require(position, 4, end, "binxml.fragmentHeader");
                    position += 4;
                    break;
                case TOKEN_TEMPLATE_INSTANCE:
                    nodes.add(parseTemplateInstance(end, depth + 1));
                    break;
                case TOKEN_OPEN_START_ELEMENT:
                    nodes.add(parseElement(end, inTemplate, depth + 1));
                    break;
                case TOKEN_VALUE:
                case TOKEN_NORMAL_SUBSTITUTION:
                case TOKEN_OPTIONAL_SUBSTITUTION:
                case TOKEN_CHAR_REFERENCE:
                case TOKEN_ENTITY_REFERENCE:
                case TOKEN_CDATA_SECTION:
                case TOKEN_PI_TARGET:
                    nodes.add(parseContentNode(end, inTemplate, depth + 1));
                    break;
                default:
                    throw unexpectedToken(token, "a binary XML fragment");
            }
        }
        return nodes;
    }

    private Element parseElement(int end, boolean inTemplate, int depth) {
        checkDepth(depth);
        int start = position;
        int token = u8(chunk, position, end, "element.token");
        position++;
        if (inTemplate || hasDependencyId(start, end)) {
            require(position, 2, end, "element.dependencyId");
            position += 2;
        }
        require(position, 4, end, "element.dataSize");
        position += 4;
        String name = readNameReference(end, "element.nameOffset");

        List<Attribute> attributes = List.of();
        if ((token & TOKEN_HAS_ATTRIBUTES) != 0) {
            require(position, 4, end, "element.attributeListSize");
            position += 4;
            attributes = new ArrayList<>(4);
            while (position < end && (chunk[position] & TOKEN_TYPE_MASK) == TOKEN_ATTRIBUTE) {
                position++;
                String attributeName = readNameReference(end, "attribute.nameOffset");
                attributes.add(
                        new Attribute(
                                attributeName,
                                name + "_" + attributeName,
                                parseValueNodes(end, inTemplate, depth)));
            }
        }

        int close = u8(chunk, position, end, "element.closeToken");
        position++;
        if (close == TOKEN_CLOSE_EMPTY_ELEMENT) {
            return new Element(name, attributes, List.of());
        }
        if (close != TOKEN_CLOSE_START_ELEMENT) {
            throw new EvtxFormatException(
                    position - 1,
                    String.format(
                            "element <%s> at chunk offset 0x%x: expected close token 0x02 or 0x03,"
                                    + " found 0x%02x",
                            name, start, close));
        }
        return new Element(name, attributes, parseChildren(name, end, inTemplate, depth));
    }

    /**
     * Decides whether an element token outside a template definition carries the 16-bit dependency
     * identifier. Template definitions always have it; records and nested binary XML values written
     * by Windows omit it, but some writers include it. The layout whose name offset is plausible
     * wins, and the layout without it is preferred.
     */
    private boolean hasDependencyId(int start, int end) {
        if (plausibleNameOffset(start + 5, end)) {
            return false;
        }
        return plausibleNameOffset(start + 7, end);
    }

    private boolean plausibleNameOffset(int fieldOffset, int end) {
        if (fieldOffset + 4 > end) {
            return false;
        }
        int nameOffset = EvtxBytes.rawU32(chunk, fieldOffset);
        if (nameOffset == fieldOffset + 4) {
            return true;
        }
        if (nameOffset < EvtxFormat.CHUNK_HEADER_SIZE
                || nameOffset >= fieldOffset
                || nameOffset > limit - 10) {
            return false;
        }
        if (names.containsKey(nameOffset)) {
            return true;
        }
        int count = EvtxBytes.rawU16(chunk, nameOffset + 6);
        int terminator = nameOffset + 8 + 2 * count;
        return terminator + 2 <= limit && EvtxBytes.rawU16(chunk, terminator) == 0;
    }

    private List<BinXmlNode> parseChildren(String name, int end, boolean inTemplate, int depth) {
        List<BinXmlNode> children = new ArrayList<>(2);
        while (true) {
            if (position >= end) {
                throw new EvtxFormatException(
                        position,
                        String.format(
                                "element <%s> is not closed before the end of its data at chunk"
                                    + " offset 0x%x",
                                name, end));
            }
            int token = chunk[position] & 0xff;
            switch (token & TOKEN_TYPE_MASK) {
                case TOKEN_END_ELEMENT:
                    position++;
                    return children;
                case TOKEN_OPEN_START_ELEMENT:
                    children.add(parseElement(end, inTemplate, depth + 1));
                    break;
                case TOKEN_VALUE:
                case TOKEN_NORMAL_SUBSTITUTION:
                case TOKEN_OPTIONAL_SUBSTITUTION:
                case TOKEN_CHAR_REFERENCE:
                case TOKEN_ENTITY_REFERENCE:
                case TOKEN_CDATA_SECTION:
                case TOKEN_PI_TARGET:
                case TOKEN_TEMPLATE_INSTANCE:
                    children.add(parseContentNode(end, inTemplate, depth + 1));
                    break;
                default:
                    throw unexpectedToken(token, "the content of element <" + name + ">");
            }
        }
    }

    private List<BinXmlNode> parseValueNodes(int end, boolean inTemplate, int depth) {
        List<BinXmlNode> value = new ArrayList<>(1);
        while (position < end) {
            int type = chunk[position] & TOKEN_TYPE_MASK;
            if (type != TOKEN_VALUE
                    && type != TOKEN_NORMAL_SUBSTITUTION
                    && type != TOKEN_OPTIONAL_SUBSTITUTION
                    && type != TOKEN_CHAR_REFERENCE
                    && type != TOKEN_ENTITY_REFERENCE) {
                break;
            }
            value.add(parseContentNode(end, inTemplate, depth));
        }
        return value;
    }

    private BinXmlNode parseContentNode(int end, boolean inTemplate, int depth) {
        int token = u8(chunk, position, end, "binxml.token");
        switch (token & TOKEN_TYPE_MASK) {
            case TOKEN_VALUE:
                position++;
                return parseValueText(end);
            case TOKEN_NORMAL_SUBSTITUTION:
            case TOKEN_OPTIONAL_SUBSTITUTION:
                {
                    position++;
                    int index = u16(chunk, position, end, "substitution.index");
                    int valueType = u8(chunk, position + 2, end, "substitution.valueType");
                    position += 3;
                    return new Substitution(index, valueType, token == TOKEN_OPTIONAL_SUBSTITUTION);
                }
            case TOKEN_CHAR_REFERENCE:
                {
                    position++;
                    int character = u16(chunk, position, end, "charReference.value");
                    position += 2;
                    return new Text(String.valueOf((char) character));
                }
            case TOKEN_ENTITY_REFERENCE:
                position++;
                return new Text(resolveEntity(readNameReference(end, "entityReference.name")));
            case TOKEN_CDATA_SECTION:
                position++;
                return new Text(readLengthPrefixedString(end, "cdata.length"));
            case TOKEN_PI_TARGET:
                {
                    position++;
                    String target = readNameReference(end, "piTarget.nameOffset");
                    String data = "";
                    if (position < end && chunk[position] == TOKEN_PI_DATA) {
                        position++;
                        data = readLengthPrefixedString(end, "piData.length");
                    }
                    return new ProcessingInstruction(target, data);
                }
            case TOKEN_TEMPLATE_INSTANCE:
                return parseTemplateInstance(end, depth + 1);
            default:
                throw unexpectedToken(token, "element content");
        }
    }

    private Text parseValueText(int end) {
        int valueType = u8(chunk, position, end, "value.type");
        position++;
        if (valueType == BinXmlValues.STRING) {
            return new Text(readLengthPrefixedString(end, "value.length"));
        }
        int size = BinXmlValues.fixedSize(valueType);
        if (size < 0) {
            throw new EvtxFormatException(
                    position - 1,
                    String.format(
                            "value token at chunk offset 0x%x has unsupported type 0x%02x",
                            position - 2, valueType));
        }
        require(position, size, end, "value.data");
        Object value = BinXmlValues.decode(chunk, position, size, valueType);
        position += size;
        return new Text(String.valueOf(value));
    }

    private String readLengthPrefixedString(int end, String field) {
        int count = u16(chunk, position, end, field);
        position += 2;
        require(position, 2 * count, end, field + " characters");
        String text = BinXmlValues.decodeUtf16(chunk, position, count);
        position += 2 * count;
        return text;
    }

    private TemplateInstance parseTemplateInstance(int end, int depth) {
        checkDepth(depth);
        int start = position;
        require(position, 10, end, "templateInstance.header");
        int definitionOffset = EvtxBytes.rawU32(chunk, position + 6);
        position += 10;

        CompiledTemplate template;
        if (definitionOffset == position) {
            int dataSize = u32(chunk, position + 20, end, "templateDefinition.dataSize");
            template = template(definitionOffset, depth);
            position = definitionOffset + TEMPLATE_HEADER_SIZE + dataSize;
        } else {
            template = template(definitionOffset, depth);
        }

        int count = u32(chunk, position, end, "templateInstance.valueCount");
        position += 4;
        if (count < 0 || count > (end - position) / 4) {
            throw new EvtxFormatException(
                    start,
                    String.format(
                            "template instance at chunk offset 0x%x declares %d values, more than"
                                + " fit in the %d bytes left",
                            start, Integer.toUnsignedLong(count), end - position));
        }
        int descriptors = position;
        int valueOffset = position + 4 * count;
        Object[] values = new Object[count];
        for (int i = 0; i < count; i++) {
            int size = EvtxBytes.rawU16(chunk, descriptors + 4 * i);
            int type = chunk[descriptors + 4 * i + 2] & 0xff;
            if (size > end - valueOffset) {
                require(valueOffset, size, end, "templateInstance.value[" + i + "]");
            }
            values[i] = decodeSubstitution(valueOffset, size, type, depth);
            valueOffset += size;
        }
        position = valueOffset;
        return new TemplateInstance(template, values);
    }

    private Object decodeSubstitution(int offset, int size, int type, int depth) {
        if (size == 0) {
            return type == BinXmlValues.STRING || type == BinXmlValues.ANSI_STRING ? "" : null;
        }
        if (type == BinXmlValues.BINXML) {
            int saved = position;
            position = offset;
            try {
                return new Fragment(parseFragment(offset + size, false, depth + 1));
            } finally {
                position = saved;
            }
        }
        try {
            return BinXmlValues.decode(chunk, offset, size, type);
        } catch (EvtxFormatException e) {
            // NOTE: a value whose size does not fit its type (seen in dirty logs) is kept as hex
            // text rather than losing the whole record.
            return BinXmlValues.hex(chunk, offset, size);
        }
    }

    private CompiledTemplate template(int definitionOffset, int depth) {
        CompiledTemplate cached = templates.get(definitionOffset);
        if (cached != null) {
            return cached;
        }
        if (!templatesInProgress.add(definitionOffset)) {
            throw new EvtxFormatException(
                    definitionOffset,
                    String.format(
                            "template definition at chunk offset 0x%x refers to itself",
                            definitionOffset));
        }
        int saved = position;
        try {
            int dataSize = u32(chunk, definitionOffset + 20, limit, "templateDefinition.dataSize");
            int start = definitionOffset + TEMPLATE_HEADER_SIZE;
            require(start, dataSize, limit, "templateDefinition.data");
            position = start;
            CompiledTemplate template =
                    new CompiledTemplate(
                            definitionOffset, parseFragment(start + dataSize, true, depth + 1));
            templates.put(definitionOffset, template);
            return template;
        } finally {
            position = saved;
            templatesInProgress.remove(definitionOffset);
        }
    }

    /**
     * Reads a 32-bit name offset at the current position. When the offset points just past itself,
     * the name is stored inline and the position moves past it.
     */
    private String readNameReference(int end, String field) {
        int nameOffset = u32(chunk, position, end, field);
        position += 4;
        String name = readName(nameOffset, field);
        if (nameOffset == position) {
            position += 8 + 2 * name.length() + 2;
        }
        return name;
    }

    private String readName(int nameOffset, String field) {
        String name = names.get(nameOffset);
        if (name != null) {
            return name;
        }
        int count = u16(chunk, nameOffset + 6, limit, field + " -> name.length");
        require(nameOffset + 8, 2 * count, limit, field + " -> name.characters");
        name = BinXmlValues.decodeUtf16(chunk, nameOffset + 8, count);
        names.put(nameOffset, name);
        return name;
    }

    private static String resolveEntity(String name) {
        switch (name) {
            case "lt":
                return "<";
            case "gt":
                return ">";
            case "amp":
                return "&";
            case "quot":
                return "\"";
            case "apos":
                return "'";
            default:
                return "&" + name + ";";
        }
    }

    private void checkDepth(int depth) {
        if (depth > MAX_DEPTH) {
            throw new EvtxFormatException(
                    position,
                    String.format(
                            "binary XML at chunk offset 0x%x nests deeper than %d levels",
                            position, MAX_DEPTH));
        }
    }

    private EvtxFormatException unexpectedToken(int token, String where) {
        return new EvtxFormatException(
                position,
                String.format(
                        "unexpected binary XML token 0x%02x at chunk offset 0x%x in %s",
                        token, position, where));
    }
}
