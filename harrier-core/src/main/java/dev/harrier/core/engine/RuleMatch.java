package dev.harrier.core.engine;

import dev.harrier.core.event.Event;
import dev.harrier.core.rule.SigmaRule;
import java.util.Objects;

/**
 * A rule that matched an event.
 *
 * @param profile the source profile under which the rule saw the event, or null when log sources
 *     were ignored
 */
public record RuleMatch(SigmaRule rule, Event event, String profile) {
    public RuleMatch {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(event, "event");
    }
}
