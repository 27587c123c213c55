package dev.harrier.core.load;

import dev.harrier.core.rule.SourceLocation;
import java.io.Reader;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads YAML documents into {@link YamlNode} trees with SnakeYAML's safe composer, under explicit
 * limits, and reports duplicate keys.
 *
 * <p>Scalars resolve as YAML 1.1, as PyYAML does for pySigma ({@code yes} is a boolean), with one
 * exception from Harrier's semantics contract: integers written in hexadecimal, octal or with
 * separators ({@code 0x17}, {@code 0755}, {@code 1_000}) stay text, because Windows fields hold such
 * values as text.
 */
final class YamlReader {
    /** Maximum aliases to collections in one file; alias bombs exceed it quickly. */
    static final int MAX_ALIASES = 50;
    /** Deepest nesting of collections accepted in one document. */
    static final int MAX_NESTING_DEPTH = 64;
    /** Largest rule file accepted, in code points. */
    static final int MAX_FILE_CODE_POINTS = 4 * 1024 * 1024;
    /** Most nodes built from one document, counting each use of an alias again. */
    static final int MAX_NODES = 200_000;

    private static final Pattern DECIMAL_INTEGER = Pattern.compile("[-+]?(0|[1-9][0-9]*)");

    private final String file;
    private final Consumer<LoadProblem> problems;
    private int nodeCount;

    YamlReader(String file, Consumer<LoadProblem> problems) {
        this.file = file;
        this.problems = problems;
    }

    /**
     * Reads every document of a file. A syntax error ends the file at that point: the documents
     * before it are returned and the error is reported with its location.
     */
    List<YamlNode> readAll(Reader reader) {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(MAX_ALIASES);
        options.setNestingDepthLimit(MAX_NESTING_DEPTH);
        options.setCodePointLimit(MAX_FILE_CODE_POINTS);
        options.setAllowRecursiveKeys(false);
        options.setAllowDuplicateKeys(true);
        Yaml yaml = new Yaml(new SafeConstructor(options));

        List<YamlNode> documents = new ArrayList<>();
        try {
            for (Node node : yaml.composeAll(reader)) {
                nodeCount = 0;
                documents.add(node == null ? null : convert(node, 0));
            }
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            problems.accept(new LoadProblem(LoadProblem.Severity.ERROR, location(mark),
                    "invalid YAML: " + firstLine(e.getProblem() != null ? e.getProblem() : e.getMessage()),
                    null));
        } catch (YAMLException e) {
            String reason = e.getCause() instanceof java.nio.charset.CharacterCodingException
                    ? "rule file is not valid UTF-8 text"
                    : "invalid YAML: " + firstLine(e.getMessage());
            problems.accept(new LoadProblem(LoadProblem.Severity.ERROR, SourceLocation.ofFile(file),
                    reason, null));
        } catch (TooLargeException e) {
            problems.accept(new LoadProblem(LoadProblem.Severity.ERROR, e.location,
                    e.getMessage(), null));
        }
        return documents;
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "unknown error";
        }
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }

    private SourceLocation location(Mark mark) {
        if (mark == null) {
            return SourceLocation.ofFile(file);
        }
        return new SourceLocation(file, mark.getLine() + 1, mark.getColumn() + 1);
    }

    private static final class TooLargeException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient SourceLocation location;

        TooLargeException(String message, SourceLocation location) {
            super(message);
            this.location = location;
        }
    }

    private YamlNode convert(Node node, int depth) {
        SourceLocation where = location(node.getStartMark());
        if (++nodeCount > MAX_NODES) {
            throw new TooLargeException("document expands to more than " + MAX_NODES
                    + " YAML nodes (alias bomb?)", where);
        }
        if (depth > MAX_NESTING_DEPTH) {
            throw new TooLargeException("document is nested deeper than " + MAX_NESTING_DEPTH
                    + " levels", where);
        }
        if (node instanceof ScalarNode scalar) {
            return new YamlNode.Scalar(scalarValue(scalar), scalar.getValue(), where);
        }
        if (node instanceof SequenceNode sequence) {
            List<YamlNode> items = new ArrayList<>(sequence.getValue().size());
            for (Node item : sequence.getValue()) {
                items.add(convert(item, depth + 1));
            }
            return new YamlNode.Sequence(items, where);
        }
        MappingNode mapping = (MappingNode) node;
        LinkedHashMap<String, YamlNode> entries = new LinkedHashMap<>();
        Map<String, SourceLocation> keyLocations = new HashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            Node keyNode = tuple.getKeyNode();
            SourceLocation keyWhere = location(keyNode.getStartMark());
            if (!(keyNode instanceof ScalarNode keyScalar)) {
                problems.accept(new LoadProblem(LoadProblem.Severity.ERROR, keyWhere,
                        "mapping key must be a plain value", null));
                continue;
            }
            String key = keyScalar.getValue();
            if (entries.containsKey(key)) {
                problems.accept(new LoadProblem(LoadProblem.Severity.WARNING, keyWhere,
                        "duplicate key; the later value replaces the one at line "
                                + keyLocations.get(key).line(), key));
                entries.remove(key);
            }
            entries.put(key, convert(tuple.getValueNode(), depth + 1));
            keyLocations.put(key, keyWhere);
        }
        return new YamlNode.Mapping(entries, keyLocations, where);
    }

    private static Object scalarValue(ScalarNode scalar) {
        Tag tag = scalar.getTag();
        String text = scalar.getValue();
        if (Tag.NULL.equals(tag)) {
            return null;
        }
        if (Tag.BOOL.equals(tag)) {
            String lower = text.toLowerCase(java.util.Locale.ROOT);
            return lower.equals("true") || lower.equals("yes") || lower.equals("on") || lower.equals("y");
        }
        if (Tag.INT.equals(tag)) {
            if (!DECIMAL_INTEGER.matcher(text).matches()) {
                return text;
            }
            BigInteger value = new BigInteger(text.startsWith("+") ? text.substring(1) : text);
            return value.bitLength() < 64 ? (Object) value.longValue() : value;
        }
        if (Tag.FLOAT.equals(tag)) {
            try {
                double value = Double.parseDouble(text.replace("_", ""));
                return Double.isFinite(value) ? (Object) value : text;
            } catch (NumberFormatException e) {
                return text;
            }
        }
        return text;
    }
}
