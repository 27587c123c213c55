package dev.harrier.kql;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Checks the bundled target definitions against the bundled table schemas. */
class TargetsTest {
    private static final TableSchemas SCHEMAS = TableSchemas.bundled();

    @Test
    void mappedColumnsExistInTables() {
        for (String name : KqlTarget.BUNDLED) {
            for (TargetRoute route : KqlTarget.bundled(name).routes()) {
                if (route.table() == null) {
                    continue;
                }
                assertTrue(SCHEMAS.hasTable(route.table()), name + ": unknown " + route.table());
                for (Map.Entry<String, List<TargetRoute.FieldColumn>> field
                        : route.fields().entrySet()) {
                    for (TargetRoute.FieldColumn column : field.getValue()) {
                        assertNotNull(SCHEMAS.columnType(route.table(), column.column()),
                                name + " " + route.logSourceText() + ": " + field.getKey() + " -> "
                                        + route.table() + "." + column.column());
                    }
                }
            }
        }
    }

    @Test
    void entityColumnsExistInTables() {
        for (String name : KqlTarget.BUNDLED) {
            for (TargetRoute route : KqlTarget.bundled(name).routes()) {
                for (String spec : route.entities().values()) {
                    String column = spec.substring(spec.indexOf('=') + 1);
                    String table = route.sysmon() ? "WindowsEvent" : route.table();
                    assertNotNull(SCHEMAS.columnType(table, column),
                            name + " " + route.logSourceText() + ": entity column " + column);
                }
            }
        }
    }

    @Test
    void unknownTargetIsRejected() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> KqlTarget.bundled("splunk"));
        assertTrue(error.getMessage().contains("sentinel-asim"), error.getMessage());
    }

    @Test
    void routesMatchInOrder() {
        KqlTarget kql = KqlTarget.bundled("kql");
        TargetRoute sysmon = kql.route(dev.harrier.core.rule.SigmaLogSource.of(null, "windows",
                "sysmon"));
        assertNotNull(sysmon.where(), "service sysmon restricts the channel");
        TargetRoute other = kql.route(dev.harrier.core.rule.SigmaLogSource.of("process_creation",
                "windows", null));
        assertTrue(other.where() == null, "other log sources are not restricted");
    }
}
