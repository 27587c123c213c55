package dev.harrier.io.evtx;

import java.util.List;

/**
 * A node of parsed binary XML. Template definitions are parsed once per chunk into these nodes; a
 * record then only adds a {@link TemplateInstance} with its substitution values, which {@link
 * Substitution} nodes refer to by index.
 */
sealed interface BinXmlNode
        permits BinXmlNode.Element,
                BinXmlNode.Text,
                BinXmlNode.Substitution,
                BinXmlNode.TemplateInstance,
                BinXmlNode.ProcessingInstruction {

    /** An element with its attributes and content. */
    record Element(String name, List<Attribute> attributes, List<BinXmlNode> children)
            implements BinXmlNode {}

    /**
     * An attribute whose value is a sequence of {@link Text} and {@link Substitution} nodes.
     *
     * @param fieldName the event field name {@code Element_Attribute}, built once per template
     */
    record Attribute(String name, String fieldName, List<BinXmlNode> value) {}

    /** Literal character data: a value token, a CDATA section, or a resolved reference. */
    record Text(String text) implements BinXmlNode {}

    /**
     * A placeholder for a value of the enclosing template instance. An optional substitution whose
     * value is empty removes its attribute.
     */
    record Substitution(int index, int valueType, boolean optional) implements BinXmlNode {}

    /**
     * A use of a template: the compiled definition plus this record's values.
     *
     * <p>Values are {@code null} (no value), {@link String}, {@link Long}, {@link List} for array
     * types, or {@link Fragment} for nested binary XML (value type 0x21).
     */
    record TemplateInstance(CompiledTemplate template, Object[] values) implements BinXmlNode {}

    /** A processing instruction, kept only so the XML rendering can show it. */
    record ProcessingInstruction(String target, String data) implements BinXmlNode {}

    /** A nested binary XML document carried as a substitution value. */
    record Fragment(List<BinXmlNode> nodes) {}

    /** A template definition compiled once per chunk, shared by every record that uses it. */
    record CompiledTemplate(int chunkOffset, List<BinXmlNode> nodes) {}
}
