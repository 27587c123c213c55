package dev.harrier.core.engine;

import dev.harrier.core.event.Event;

/**
 * Finds the value a Sigma field name stands for in an event. A source profile maps Sigma names to
 * the record's own names ({@code Image} to {@code NewProcessName} for Security 4688); {@link
 * #DIRECT} looks names up as they are.
 */
@FunctionalInterface
public interface FieldResolver {
    /** Looks Sigma names up in the event as they are written. */
    FieldResolver DIRECT = Event::field;

    /** Returns the field's value, {@link dev.harrier.core.event.JsonNull} for an explicit null, or null when absent. */
    Object resolve(Event event, String sigmaField);
}
