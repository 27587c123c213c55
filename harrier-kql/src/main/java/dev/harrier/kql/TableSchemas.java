package dev.harrier.kql;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** Column names and types of the tables and ASIM parsers the bundled targets query. */
public final class TableSchemas {
    private static final String RESOURCE = "/dev/harrier/kql/tables.yaml";

    private final Map<String, Map<String, ColumnType>> tables;

    private TableSchemas(Map<String, Map<String, ColumnType>> tables) {
        this.tables = tables;
    }

    /** Loads the bundled table schemas. */
    public static TableSchemas bundled() {
        try (InputStream in = TableSchemas.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("bundled resource missing: " + RESOURCE);
            }
            Object root = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
            Map<String, Map<String, ColumnType>> tables = new LinkedHashMap<>();
            for (Map.Entry<?, ?> table : ((Map<?, ?>) root).entrySet()) {
                Map<String, ColumnType> columns = new LinkedHashMap<>();
                for (Map.Entry<?, ?> column : ((Map<?, ?>) table.getValue()).entrySet()) {
                    columns.put(String.valueOf(column.getKey()),
                            ColumnType.parse(String.valueOf(column.getValue())));
                }
                tables.put(String.valueOf(table.getKey()), Map.copyOf(columns));
            }
            return new TableSchemas(Map.copyOf(tables));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    /** Returns whether the table is known. */
    public boolean hasTable(String table) {
        return tables.containsKey(table);
    }

    /** Returns the column's type, or null when the table has no such column. */
    public ColumnType columnType(String table, String column) {
        Map<String, ColumnType> columns = tables.get(table);
        return columns == null ? null : columns.get(column);
    }
}
