package dev.harrier.core.event;

import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One record after its shape has been read: a flat map of field names to values in the names that
 * Windows and Sigma use ({@code EventID}, {@code Channel}, {@code Provider_Name}, {@code
 * TargetFilename}, ...), plus where it came from.
 *
 * <p>Lookup follows the semantics contract: for a dotted name ({@code a.b}) the nested path first,
 * then the exact name, then the name case-insensitively, and last the name with spaces removed,
 * because Sigma writes names such as Windows Defender's {@code Threat Name} as {@code ThreatName}.
 * A missing field is {@code null}; a field present with JSON null is {@link JsonNull#INSTANCE}.
 *
 * <p>Events are immutable once built and safe to share between threads.
 */
public final class Event {
    private final Map<String, Object> fields;
    private final String rawMessage;
    private final Instant timestamp;
    private final String recordId;
    private final String shape;
    private volatile Map<String, String> lowerCaseNames;

    private Event(Builder builder) {
        this.fields = Collections.unmodifiableMap(builder.fields);
        this.rawMessage = builder.rawMessage;
        this.timestamp = builder.timestamp;
        this.recordId = builder.recordId;
        this.shape = builder.shape;
    }

    public static Builder builder(String shape) {
        return new Builder(shape);
    }

    /** Fields in the order they were read. */
    public Map<String, Object> fields() {
        return fields;
    }

    /** Returns the record's raw message (searched by keywords), or null when it has none. */
    public String rawMessage() {
        return rawMessage;
    }

    /** Returns the time the event was recorded, or null when the record carries none. */
    public Instant timestamp() {
        return timestamp;
    }

    /** Returns the record's own identifier (EventRecordID, USN, ReportId ...), or null. */
    public String recordId() {
        return recordId;
    }

    /** Returns the name of the record layout read, such as {@code evtx} or {@code ecs}. */
    public String shape() {
        return shape;
    }

    /**
     * Returns the value of a field, or {@code null} when the event has no such field.
     *
     * @param name a Sigma field name, possibly dotted
     */
    public Object field(String name) {
        Object value;
        if (name.indexOf('.') > 0) {
            value = nestedField(name);
            if (value != null) {
                return value;
            }
        }
        value = fields.get(name);
        if (value != null) {
            return value;
        }
        String actual = lowerCaseIndex().get(name.toLowerCase(Locale.ROOT));
        return actual == null ? null : fields.get(actual);
    }

    /** Returns true when the event has the field, even with a null or empty value. */
    public boolean hasField(String name) {
        return field(name) != null;
    }

    private Object nestedField(String dottedName) {
        String[] parts = dottedName.split("\\.", -1);
        Object current = fields;
        for (String part : parts) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            Object next = map.get(part);
            if (next == null) {
                next = caseInsensitiveGet(map, part);
            }
            if (next == null) {
                return null;
            }
            current = next;
        }
        return current;
    }

    private static Object caseInsensitiveGet(Map<?, ?> map, String key) {
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (entry.getKey() instanceof String k && k.equalsIgnoreCase(key)) {
                return entry.getValue();
            }
        }
        return null;
    }

    private Map<String, String> lowerCaseIndex() {
        Map<String, String> index = lowerCaseNames;
        if (index == null) {
            index = new HashMap<>(fields.size() * 2);
            for (String name : fields.keySet()) {
                index.putIfAbsent(name.toLowerCase(Locale.ROOT), name);
            }
            for (String name : fields.keySet()) {
                if (name.indexOf(' ') >= 0) {
                    index.putIfAbsent(name.replace(" ", "").toLowerCase(Locale.ROOT), name);
                }
            }
            lowerCaseNames = index;
        }
        return index;
    }

    @Override
    public String toString() {
        return "Event" + fields;
    }

    /** Collects the fields of one event. Not thread-safe. */
    public static final class Builder {
        private final String shape;
        private final Map<String, Object> fields = new LinkedHashMap<>();
        private String rawMessage;
        private Instant timestamp;
        private String recordId;

        private Builder(String shape) {
            this.shape = Objects.requireNonNull(shape, "shape");
        }

        /**
         * Sets a field. A later value for the same name replaces the earlier one; a Java null value
         * is stored as {@link JsonNull#INSTANCE}.
         */
        public Builder put(String name, Object value) {
            fields.put(Objects.requireNonNull(name, "name"), stored(value));
            return this;
        }

        private static Object stored(Object value) {
            return value == null ? JsonNull.INSTANCE : value;
        }

        /** Sets a field only when the event does not have it yet. */
        public Builder putIfAbsent(String name, Object value) {
            fields.putIfAbsent(Objects.requireNonNull(name, "name"), stored(value));
            return this;
        }

        public boolean has(String name) {
            return fields.containsKey(name);
        }

        public Object get(String name) {
            return fields.get(name);
        }

        public Builder rawMessage(String rawMessage) {
            this.rawMessage = rawMessage;
            return this;
        }

        public Builder timestamp(Instant timestamp) {
            this.timestamp = timestamp;
            return this;
        }

        public Builder recordId(String recordId) {
            this.recordId = recordId;
            return this;
        }

        public Event build() {
            return new Event(this);
        }
    }
}
