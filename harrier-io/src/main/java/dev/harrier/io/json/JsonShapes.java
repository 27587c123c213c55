package dev.harrier.io.json;

import dev.harrier.core.event.Event;
import dev.harrier.core.event.FieldValues;
import dev.harrier.core.event.JsonNull;
import dev.harrier.io.Timestamps;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns one parsed JSON object into an {@link Event}, recognising the record layout (shape) from
 * its keys:
 *
 * <ul>
 *   <li>{@value #EVTX_DUMP}: an {@code Event} object with {@code System}, {@code EventData} or
 *       {@code UserData}, as omerbenamram's {@code evtx_dump} writes it. See {@link EvtxDumpShape}.
 *   <li>{@value #ECS}: a {@code winlog} object (Winlogbeat, Elastic Common Schema). See {@link
 *       EcsShape}.
 *   <li>{@value #FLAT}: anything else, with fields at the top level (OTRF/Mordor, NXLog, Defender
 *       and ASIM rows, Sentinel {@code WindowsEvent} rows). See {@link #flat(Map)}.
 * </ul>
 *
 * <p>An Elasticsearch hit ({@code {"_index": ..., "_source": {...}}}, as scroll and dump tools
 * export them) is read from its {@code _source}.
 *
 * <p>The shape decides only how field names are found. Which log source a record belongs to is
 * decided later by a source profile.
 */
public final class JsonShapes {
    /** Shape of {@code evtx_dump} JSON: {@code {"Event": {"System": ..., "EventData": ...}}}. */
    public static final String EVTX_DUMP = "evtx_dump";

    /** Shape of Winlogbeat and other Elastic Common Schema documents with a {@code winlog}. */
    public static final String ECS = "ecs";

    /** Shape of records whose fields are at the top level. */
    public static final String FLAT = "flat";

    /**
     * Fields that may hold a flat record's time, in the order they are tried. Sysmon's {@code
     * UtcTime} comes before {@code EventTime} and {@code TimeCreated}, which NXLog and OTRF exports
     * write in the host's local time without a zone.
     */
    private static final List<String> FLAT_TIME_FIELDS =
            List.of(
                    "@timestamp",
                    "Timestamp",
                    "TimeGenerated",
                    "UtcTime",
                    "EventTime",
                    "TimeCreated");

    /** Windows names and the aliases that other exports use for them, as {alias, name} pairs. */
    private static final String[][] FLAT_ALIASES = {
        {"SourceName", "Provider_Name"},
        {"Provider", "Provider_Name"},
        {"Source", "Provider_Name"},
        {"Hostname", "Computer"},
        {"EventLog", "Channel"},
        {"RecordNumber", "EventRecordID"},
        {"EventRecordId", "EventRecordID"},
        {"SystemProcessId", "Execution_ProcessID"},
        {"SystemThreadId", "Execution_ThreadID"},
        {"SystemUserId", "Security_UserID"},
    };

    private JsonShapes() {}

    /** Converts one JSON object into an event of the shape its keys show. */
    public static Event toEvent(Map<String, Object> object) {
        Map<String, Object> source = elasticsearchSource(object);
        if (source != null) {
            return toEvent(source);
        }
        Object event = object.get("Event");
        if (event instanceof Map<?, ?> eventObject && EvtxDumpShape.matches(eventObject)) {
            return EvtxDumpShape.toEvent(object, eventObject);
        }
        if (EcsShape.matches(object)) {
            return EcsShape.toEvent(object);
        }
        return flat(object);
    }

    /**
     * Builds a {@value #FLAT} event: every key as it is, then the children of an {@code EventData}
     * or {@code UserData} object by their own names (Sentinel {@code WindowsEvent} rows keep the
     * event fields there), then Windows names taken from common aliases when the record lacks them
     * ({@code SourceName}, {@code Provider} or {@code Source} to {@code Provider_Name}, {@code
     * Hostname} to {@code Computer}, {@code EventLog} to {@code Channel}, {@code RecordNumber} or
     * {@code EventRecordId} to {@code EventRecordID}, {@code SystemProcessId}, {@code
     * SystemThreadId} and {@code SystemUserId} to the {@code Execution_} and {@code Security_}
     * names). {@code Message} (or {@code message}) becomes the raw message.
     *
     * <p>NOTE: the Sentinel {@code Event} table stores {@code EventData} as an XML string, which is
     * kept as text here, so its fields are not found by name.
     */
    static Event flat(Map<String, Object> object) {
        Event.Builder builder = Event.builder(FLAT);
        for (Map.Entry<String, Object> entry : object.entrySet()) {
            builder.put(entry.getKey(), entry.getValue());
        }
        if (object.get("EventData") instanceof Map) {
            EvtxDumpShape.putEventData(builder, object.get("EventData"));
        }
        EvtxDumpShape.putUserData(builder, object.get("UserData"));
        for (String[] alias : FLAT_ALIASES) {
            putAlias(builder, alias[0], alias[1]);
        }

        Object message =
                object.containsKey("Message") ? object.get("Message") : object.get("message");
        if (message instanceof String text) {
            builder.rawMessage(text);
        }
        for (String name : FLAT_TIME_FIELDS) {
            Instant time = Timestamps.parse(object.get(name));
            if (time != null) {
                builder.timestamp(time);
                break;
            }
        }
        builder.recordId(recordId(builder.get("EventRecordID")));
        return builder.build();
    }

    /** Returns the {@code _source} of an Elasticsearch hit, or null for any other object. */
    private static Map<String, Object> elasticsearchSource(Map<String, Object> object) {
        boolean hit = object.containsKey("_index") || object.containsKey("_id");
        if (!hit || !(object.get("_source") instanceof Map<?, ?> source)) {
            return null;
        }
        Map<String, Object> copy = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : source.entrySet()) {
            copy.put(String.valueOf(entry.getKey()), entry.getValue());
        }
        return copy;
    }

    private static void putAlias(Event.Builder builder, String alias, String windowsName) {
        Object value = builder.get(alias);
        boolean scalar = FieldValues.scalarText(value) != null;
        if (scalar && !builder.has(windowsName)) {
            builder.put(windowsName, value);
        }
    }

    /** Returns the canonical text of a record id, or null when there is none. */
    static String recordId(Object value) {
        if (value == null || value == JsonNull.INSTANCE) {
            return null;
        }
        String text = FieldValues.scalarText(value);
        return text == null || text.isEmpty() ? null : text;
    }
}
