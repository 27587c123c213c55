package dev.harrier.kql;

import java.util.Locale;

/** The KQL scalar type of a column, as far as the converter needs it. */
public enum ColumnType {
    STRING,
    /** {@code int}, {@code long} or {@code real}. */
    NUMBER,
    BOOL,
    DATETIME,
    DYNAMIC,
    /** A column whose type the target does not declare (the {@code kql} target). */
    UNKNOWN;

    /** Returns the type for a KQL type name such as {@code long} or {@code string}. */
    public static ColumnType parse(String name) {
        switch (name.toLowerCase(Locale.ROOT)) {
            case "string":
            case "guid":
                return STRING;
            case "int":
            case "long":
            case "real":
            case "double":
            case "decimal":
                return NUMBER;
            case "bool":
            case "boolean":
                return BOOL;
            case "datetime":
            case "date":
                return DATETIME;
            case "dynamic":
                return DYNAMIC;
            default:
                throw new IllegalArgumentException("unknown KQL column type: " + name);
        }
    }
}
