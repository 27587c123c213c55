package dev.harrier.core.rule;

/**
 * A rule, filter or correlation that cannot be used as written. Carries where the problem is and
 * the offending value, so the message reads {@code file:line:col: message [value]}.
 */
public class SigmaRuleException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient SourceLocation location;
    private final String value;

    public SigmaRuleException(String message, SourceLocation location, String value) {
        super(message);
        this.location = location;
        this.value = value;
    }

    public SigmaRuleException(String message, String value) {
        this(message, null, value);
    }

    /** Returns where the problem is, or null until the loader adds it. */
    public SourceLocation location() {
        return location;
    }

    /** Returns the offending value as written, or null. */
    public String value() {
        return value;
    }

    /** Returns a copy of this problem placed at {@code where} unless it already has a location. */
    public SigmaRuleException at(SourceLocation where) {
        if (location != null) {
            return this;
        }
        return new SigmaRuleException(getMessage(), where, value);
    }

    @Override
    public String toString() {
        String place = location == null ? "" : location + ": ";
        return place + getMessage() + (value == null ? "" : " [" + value + "]");
    }
}
