package dev.harrier.core.engine;

import dev.harrier.core.event.Event;
import dev.harrier.core.event.FieldValues;

/**
 * The text that the literal prefilter and keyword searches scan, per event and thread: every
 * string value of the event and its raw message, folded by {@link AsciiFolding} and joined with
 * {@code \0}. Required literals and keyword needles are ASCII without {@code \0}, so one occurs
 * here exactly when it occurs, case-insensitively, within one value.
 */
final class PrefilterText {
    private static final ThreadLocal<PrefilterText> LAST = ThreadLocal.withInitial(PrefilterText::new);

    private Event event;
    private String text;

    private PrefilterText() {}

    /** Returns the prefilter text of the event. */
    static String of(Event event) {
        PrefilterText last = LAST.get();
        if (last.event != event) {
            last.event = event;
            last.text = build(event);
        }
        return last.text;
    }

    private static String build(Event event) {
        StringBuilder joined = new StringBuilder(512);
        if (event.rawMessage() != null) {
            append(joined, event.rawMessage());
        }
        for (Object value : event.fields().values()) {
            FieldValues.forEachLeafText(value, text -> append(joined, text));
        }
        return joined.toString();
    }

    private static void append(StringBuilder joined, String text) {
        for (int i = 0; i < text.length(); i++) {
            joined.append(AsciiFolding.fold(text.charAt(i)));
        }
        joined.append('\0');
    }
}
