package dev.harrier.kql;

import dev.harrier.core.rule.SigmaRuleException;
import dev.harrier.core.rule.SourceLocation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Resolves the Sigma fields of one rule to columns of one route, and records which derived and
 * Sysmon columns the query has to compute.
 */
final class FieldBinding {
    /** Columns the Sysmon tables have themselves; every other Sysmon field comes from EventData. */
    private static final Map<String, ColumnType> SYSMON_NATIVE =
            Map.of("EventID", ColumnType.NUMBER, "Computer", ColumnType.STRING);

    private final KqlTarget target;
    private final TargetRoute route;
    private final TableSchemas schemas;
    private final Map<String, String> derivedUsed = new LinkedHashMap<>();
    private final Set<String> sysmonFields = new LinkedHashSet<>();

    FieldBinding(KqlTarget target, TargetRoute route, TableSchemas schemas) {
        this.target = target;
        this.route = route;
        this.schemas = schemas;
    }

    /**
     * Returns the columns holding a Sigma field, OR-linked when several.
     *
     * @throws SigmaRuleException when the route has no column for the field
     */
    List<Column> resolve(String field, SourceLocation location) {
        if (target.bare()) {
            return List.of(new Column(field, ColumnType.UNKNOWN, false));
        }
        if (route.sysmon()) {
            ColumnType nativeType = SYSMON_NATIVE.get(field);
            if (nativeType != null) {
                return List.of(new Column(field, nativeType, false));
            }
            sysmonFields.add(field);
            return List.of(new Column(field, ColumnType.STRING, false));
        }
        List<TargetRoute.FieldColumn> mapped = route.fields().get(field);
        if (mapped != null) {
            List<Column> columns = new ArrayList<>();
            for (TargetRoute.FieldColumn column : mapped) {
                columns.add(new Column(column.column(), typeOf(column.column(), field, location),
                        column.fileNameOnly()));
            }
            return columns;
        }
        String expression = route.derived().get(field);
        if (expression != null) {
            derivedUsed.put(field, expression);
            return List.of(new Column(field, ColumnType.STRING, false));
        }
        if (route.passThrough()) {
            ColumnType type = schemas.columnType(route.table(), field);
            if (type != null) {
                return List.of(new Column(field, type, false));
            }
        }
        throw new SigmaRuleException("field '" + field + "' has no column in " + route.table()
                + " for target " + target.name(), location, field);
    }

    private ColumnType typeOf(String column, String field, SourceLocation location) {
        ColumnType type = schemas.columnType(route.table(), column);
        if (type == null) {
            throw new SigmaRuleException("field '" + field + "' maps to column '" + column
                    + "', which " + route.table() + " does not have", location, field);
        }
        return type;
    }

    /** Returns the derived columns the rule uses, name to KQL expression, in first-use order. */
    Map<String, String> derivedUsed() {
        return derivedUsed;
    }

    /** Returns the Sysmon EventData fields the rule uses, in first-use order. */
    Set<String> sysmonFields() {
        return sysmonFields;
    }
}
