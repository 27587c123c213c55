package dev.harrier.kql;

/**
 * A column a Sigma field maps to.
 *
 * @param name the column name as KQL text would name it, unquoted
 * @param type the column's type
 * @param fileNameOnly whether the column holds only the file name of a path the Sigma field holds
 *     in full, so only tests on the end of the path can be translated
 */
public record Column(String name, ColumnType type, boolean fileNameOnly) {}
