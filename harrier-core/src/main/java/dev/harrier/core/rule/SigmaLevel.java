package dev.harrier.core.rule;

import java.util.Locale;

/** The severity a rule gives its matches, from least to most severe. */
public enum SigmaLevel {
    INFORMATIONAL,
    LOW,
    MEDIUM,
    HIGH,
    CRITICAL;

    /** Returns the level named by {@code text} (case-insensitive), or null when it names none. */
    public static SigmaLevel parse(String text) {
        if (text == null) {
            return null;
        }
        for (SigmaLevel level : values()) {
            if (level.name().equalsIgnoreCase(text.trim())) {
                return level;
            }
        }
        return null;
    }

    /** The lower-case name used in Sigma rules and in output. */
    public String text() {
        return name().toLowerCase(Locale.ROOT);
    }
}
