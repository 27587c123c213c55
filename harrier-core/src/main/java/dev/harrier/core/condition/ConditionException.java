package dev.harrier.core.condition;

/**
 * A condition that cannot be parsed. {@link #column()} is the 1-based column in the condition text
 * where the problem is, and {@link #value()} the offending token, when known.
 */
public final class ConditionException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int column;
    private final String value;

    public ConditionException(String message, int column, String value) {
        super(message);
        this.column = column;
        this.value = value;
    }

    public int column() {
        return column;
    }

    public String value() {
        return value;
    }
}
