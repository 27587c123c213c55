package dev.harrier.io.json;

import dev.harrier.core.event.Event;
import dev.harrier.core.event.JsonNull;
import dev.harrier.io.Timestamps;

import java.util.Map;

/**
 * The {@value JsonShapes#ECS} shape: a Winlogbeat document with the Windows event under {@code
 * winlog}, either nested ({@code {"winlog": {"event_id": "11"}}}) or with dotted keys ({@code
 * {"winlog.event_id": "11"}}).
 *
 * <p>The event gets the flat Windows names first ({@code EventID}, {@code Channel}, {@code
 * Provider_Name}, {@code Provider_Guid}, {@code Computer}, {@code EventRecordID}, {@code
 * Execution_ProcessID}, {@code Execution_ThreadID}, {@code Security_UserID}, {@code
 * Correlation_ActivityID}), then each {@code winlog.event_data} and {@code winlog.user_data} key
 * under its own name, then every original top-level key ({@code winlog}, {@code file}, {@code
 * event} ...), so dotted names such as {@code winlog.event_data.TargetFilename} and {@code
 * file.path} still resolve. An earlier name is never overwritten by a later one. {@code
 * @timestamp} is the time and {@code message} the raw message.
 */
final class EcsShape {
    private static final String[][] WINDOWS_NAMES = {
        {"event_id", "EventID"},
        {"channel", "Channel"},
        {"provider_name", "Provider_Name"},
        {"provider_guid", "Provider_Guid"},
        {"computer_name", "Computer"},
        {"record_id", "EventRecordID"},
        {"process.pid", "Execution_ProcessID"},
        {"process.thread.id", "Execution_ThreadID"},
        {"user.identifier", "Security_UserID"},
        {"activity_id", "Correlation_ActivityID"},
    };

    private static final String PREFIX = "winlog.";

    private EcsShape() {}

    static boolean matches(Map<String, Object> object) {
        if (object.get("winlog") instanceof Map) {
            return true;
        }
        for (String key : object.keySet()) {
            if (key.startsWith(PREFIX)) {
                return true;
            }
        }
        return false;
    }

    static Event toEvent(Map<String, Object> object) {
        Event.Builder builder = Event.builder(JsonShapes.ECS);
        Map<?, ?> winlog = object.get("winlog") instanceof Map<?, ?> m ? m : Map.of();
        for (String[] names : WINDOWS_NAMES) {
            Object value = winlogValue(object, winlog, names[0]);
            if (value != null && value != JsonNull.INSTANCE) {
                builder.putIfAbsent(names[1], value);
            }
        }
        putChildren(builder, object, winlog, "event_data");
        putChildren(builder, object, winlog, "user_data");
        for (Map.Entry<String, Object> entry : object.entrySet()) {
            builder.putIfAbsent(entry.getKey(), entry.getValue());
        }

        if (object.get("message") instanceof String message) {
            builder.rawMessage(message);
        }
        builder.timestamp(Timestamps.parse(object.get("@timestamp")));
        builder.recordId(JsonShapes.recordId(builder.get("EventRecordID")));
        return builder.build();
    }

    /** Returns {@code winlog.<path>} from the nested object or from a literal dotted key. */
    private static Object winlogValue(Map<String, Object> object, Map<?, ?> winlog, String path) {
        Object current = winlog;
        for (String part : path.split("\\.")) {
            current = current instanceof Map<?, ?> map ? map.get(part) : null;
        }
        return current != null ? current : object.get(PREFIX + path);
    }

    private static void putChildren(
            Event.Builder builder, Map<String, Object> object, Map<?, ?> winlog, String child) {
        if (winlog.get(child) instanceof Map<?, ?> data) {
            for (Map.Entry<?, ?> entry : data.entrySet()) {
                builder.putIfAbsent(String.valueOf(entry.getKey()), entry.getValue());
            }
        }
        String dotted = PREFIX + child + ".";
        for (Map.Entry<String, Object> entry : object.entrySet()) {
            if (entry.getKey().startsWith(dotted)) {
                builder.putIfAbsent(entry.getKey().substring(dotted.length()), entry.getValue());
            }
        }
    }
}
