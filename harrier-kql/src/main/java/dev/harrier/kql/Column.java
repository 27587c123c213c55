package dev.harrier.kql;

/**
 * A column a Sigma field maps to.
 *
 * @param name the column name as KQL text would name it, unquoted
 * @param type the column's type
 * @param fileNameOnly whether the column contains only the file name of a path that the Sigma
 *     field contains in full, so only tests on the end of the path can be translated
 */
public record Column(String name, ColumnType type, boolean fileNameOnly) {}
