package dev.harrier.core.value;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Values for {@code %name%} placeholders used with the {@code expand} modifier, such as {@code
 * %Administrators%}. Names are matched exactly.
 */
public final class Placeholders {
    private static final Placeholders NONE = new Placeholders(Map.of());

    private final Map<String, List<String>> values;

    public Placeholders(Map<String, List<String>> values) {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        values.forEach((name, list) -> copy.put(name, List.copyOf(list)));
        this.values = Map.copyOf(copy);
    }

    public static Placeholders none() {
        return NONE;
    }

    /** Returns the values of a placeholder, or null when it has none. */
    public List<String> valuesOf(String name) {
        return values.get(name);
    }

    public Map<String, List<String>> all() {
        return values;
    }
}
