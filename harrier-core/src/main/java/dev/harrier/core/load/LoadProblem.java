package dev.harrier.core.load;

import dev.harrier.core.rule.SourceLocation;
import java.util.Objects;

/**
 * A problem found while loading rules, printed as {@code file:line:col: message [value]}.
 *
 * @param severity an error rejects the rule (or the whole file when no rule could be read); a
 *     warning keeps it
 * @param value the offending value as written, or null
 */
public record LoadProblem(Severity severity, SourceLocation location, String message, String value) {

    /** How serious a problem is. */
    public enum Severity {
        ERROR,
        WARNING
    }

    public LoadProblem {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(message, "message");
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    @Override
    public String toString() {
        String prefix = severity == Severity.WARNING ? "warning: " : "";
        return location + ": " + prefix + message + (value == null ? "" : " [" + value + "]");
    }
}
