package dev.harrier.io.json;

import dev.harrier.core.event.Event;
import dev.harrier.core.event.FieldValues;
import dev.harrier.core.event.JsonNull;
import dev.harrier.io.Timestamps;

import java.time.Instant;
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
 *       and ASIM rows). See {@link #flat(Map)}.
 * </ul>
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

    private JsonShapes() {}

    /** Converts one JSON object into an event of the shape its keys show. */
    public static Event toEvent(Map<String, Object> object) {
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
     * Builds a {@value #FLAT} event: every key as it is, plus Windows names taken from common
     * aliases when the record lacks them ({@code SourceName} to {@code Provider_Name}, {@code
     * Hostname} to {@code Computer}, {@code RecordNumber} to {@code EventRecordID}). {@code
     * Message} (or {@code message}) becomes the raw message.
     */
    static Event flat(Map<String, Object> object) {
        Event.Builder builder = Event.builder(FLAT);
        for (Map.Entry<String, Object> entry : object.entrySet()) {
            builder.put(entry.getKey(), entry.getValue());
        }
        putAlias(builder, "SourceName", "Provider_Name");
        putAlias(builder, "Hostname", "Computer");
        putAlias(builder, "RecordNumber", "EventRecordID");

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

    private static void putAlias(Event.Builder builder, String alias, String windowsName) {
        Object value = builder.get(alias);
        if (value != null && !builder.has(windowsName)) {
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
