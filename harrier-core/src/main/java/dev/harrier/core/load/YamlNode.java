package dev.harrier.core.load;

import dev.harrier.core.rule.SourceLocation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML value with the place it was written, so that every problem found later can name its line
 * and column. Scalars hold String, Long, BigInteger, Double, Boolean, or null.
 */
sealed interface YamlNode {
    SourceLocation location();

    record Scalar(Object value, String text, SourceLocation location) implements YamlNode {}

    record Sequence(List<YamlNode> items, SourceLocation location) implements YamlNode {
        public Sequence {
            items = List.copyOf(items);
        }
    }

    /** A mapping; keys keep their order and their own locations. */
    record Mapping(LinkedHashMap<String, YamlNode> entries, Map<String, SourceLocation> keyLocations,
            SourceLocation location) implements YamlNode {
        YamlNode get(String key) {
            return entries.get(key);
        }
    }
}
