package dev.harrier.core.engine;

import dev.harrier.core.event.Event;
import dev.harrier.core.event.FieldValues;
import java.util.Locale;

/**
 * The text a keyword search looks in, per event and thread: every string value of the event and
 * its raw message, lower-cased and joined with {@code \0}, which no keyword contains, so a
 * substring found in it lies within one value.
 */
final class KeywordText {
    private static final ThreadLocal<KeywordText> LAST = ThreadLocal.withInitial(KeywordText::new);

    private Event event;
    private String text;

    private KeywordText() {}

    /** Returns the joined lower-case text of the event, or null when it is not all ASCII. */
    static String of(Event event) {
        KeywordText last = LAST.get();
        if (last.event != event) {
            last.event = event;
            last.text = build(event);
        }
        return last.text;
    }

    private static String build(Event event) {
        StringBuilder joined = new StringBuilder(256);
        if (event.rawMessage() != null) {
            joined.append(event.rawMessage()).append('\0');
        }
        for (Object value : event.fields().values()) {
            FieldValues.forEachLeafText(value, text -> joined.append(text).append('\0'));
        }
        for (int i = 0; i < joined.length(); i++) {
            if (joined.charAt(i) >= 128) {
                return null;
            }
        }
        return joined.toString().toLowerCase(Locale.ROOT);
    }
}
