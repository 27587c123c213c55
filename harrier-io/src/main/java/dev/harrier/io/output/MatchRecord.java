package dev.harrier.io.output;

import dev.harrier.core.engine.RuleMatch;
import java.util.Map;
import java.util.Objects;

/**
 * A rule match with where its record came from, as writers print it.
 *
 * @param path the input file (with {@code !member} for an archive member)
 * @param locator the record's place in the file: EventRecordID, {@code line:N} and so on
 * @param keyFields the fields the rule tested, with the event's values, in rule order
 */
public record MatchRecord(RuleMatch match, String path, String locator, Map<String, Object> keyFields) {
    public MatchRecord {
        Objects.requireNonNull(match, "match");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(locator, "locator");
        keyFields = keyFields == null ? Map.of() : java.util.Collections.unmodifiableMap(
                new java.util.LinkedHashMap<>(keyFields));
    }
}
