package dev.harrier.core.profile;

import dev.harrier.core.engine.FieldResolver;
import dev.harrier.core.event.Event;
import dev.harrier.core.event.FieldValues;
import dev.harrier.core.rule.SigmaLogSource;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Recognises records of one log source, names the Sigma {@code logsource} it serves and maps
 * Sigma field names onto the record's fields.
 *
 * <p>A record belongs to the profile when its {@code Channel} is one of {@code channels} (or, for a
 * record with no channel, its {@code Provider_Name} is one of {@code providers}), and each field in
 * {@code conditions} has one of the listed values (compared case-insensitively as text). A profile
 * with no channels and no providers relies on the other tests alone: {@code shapes} (the record
 * layouts it accepts, such as {@code usn_creation}), {@code requiredFields} (fields that must be
 * present) and {@code masks} (fields holding a number, decimal or {@code 0x} hexadecimal, that must
 * share a bit with the given mask, as for an access mask).
 *
 * @param name a short unique name, shown as {@code source.profile} in output
 * @param fieldMap Sigma field name to the record fields that hold it, tried in order
 */
public record SourceProfile(
        String name,
        Set<String> channels,
        Set<String> providers,
        Map<String, Set<String>> conditions,
        Set<String> shapes,
        Set<String> requiredFields,
        Map<String, Long> masks,
        SigmaLogSource logSource,
        Map<String, List<String>> fieldMap) {

    public SourceProfile {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(logSource, "logSource");
        channels = lowerCase(channels);
        providers = lowerCase(providers);
        conditions = Map.copyOf(conditions);
        shapes = Set.copyOf(shapes);
        requiredFields = Set.copyOf(requiredFields);
        masks = Map.copyOf(masks);
        fieldMap = Map.copyOf(fieldMap);
    }

    private static Set<String> lowerCase(Set<String> values) {
        return values.stream().map(v -> v.toLowerCase(Locale.ROOT))
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    /** Returns true when the event is a record of this profile's source. */
    public boolean accepts(Event event) {
        return accepts(event, new java.util.HashMap<>());
    }

    /**
     * Returns true when the event is a record of this profile's source.
     *
     * @param texts lower-case text of the event's fields already looked up, shared by the profiles
     *     tested on one event
     */
    boolean accepts(Event event, Map<String, String> texts) {
        if (!shapes.isEmpty() && !shapes.contains(event.shape())) {
            return false;
        }
        for (String field : requiredFields) {
            if (event.field(field) == null) {
                return false;
            }
        }
        if (!channels.isEmpty() || !providers.isEmpty()) {
            String channel = lowerText(event, "Channel", texts);
            if (channel != null && !channel.isEmpty()) {
                if (!channels.contains(channel)) {
                    return false;
                }
            } else {
                String provider = lowerText(event, "Provider_Name", texts);
                if (provider == null || !providers.contains(provider)) {
                    return false;
                }
            }
        }
        for (Map.Entry<String, Set<String>> condition : conditions.entrySet()) {
            String value = lowerText(event, condition.getKey(), texts);
            if (value == null || !condition.getValue().contains(value)) {
                return false;
            }
        }
        for (Map.Entry<String, Long> mask : masks.entrySet()) {
            Long value = parseNumber(FieldValues.scalarText(event.field(mask.getKey())));
            if (value == null || (value & mask.getValue()) == 0) {
                return false;
            }
        }
        return true;
    }

    /** A missing field is cached as this marker, so that it is looked up once. */
    private static final String ABSENT = new String("absent");

    private static String lowerText(Event event, String field, Map<String, String> texts) {
        String text = texts.get(field);
        if (text == null) {
            String value = FieldValues.scalarText(event.field(field));
            text = value == null ? ABSENT : value.toLowerCase(Locale.ROOT);
            texts.put(field, text);
        }
        return text == ABSENT ? null : text;
    }

    private static Long parseNumber(String text) {
        if (text == null) {
            return null;
        }
        String trimmed = text.trim();
        try {
            if (trimmed.startsWith("0x") || trimmed.startsWith("0X")) {
                return Long.parseUnsignedLong(trimmed.substring(2), 16);
            }
            return Long.parseLong(trimmed);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Returns true when a rule written for {@code ruleSource} applies to this profile's records. */
    public boolean serves(SigmaLogSource ruleSource) {
        return ruleSource.contains(logSource);
    }

    /**
     * Resolves Sigma names through {@link #fieldMap}, then as they are. A mapped name may be a
     * template such as <code>{AccountDomain}\{AccountName}</code>, which joins the named fields'
     * text and is absent when any of them is.
     */
    public FieldResolver resolver() {
        if (fieldMap.isEmpty()) {
            return FieldResolver.DIRECT;
        }
        return (event, sigmaField) -> {
            List<String> mapped = fieldMap.get(sigmaField);
            if (mapped != null) {
                for (String recordField : mapped) {
                    Object value = recordField.indexOf('{') >= 0 ? template(event, recordField)
                            : event.field(recordField);
                    if (value != null) {
                        return value;
                    }
                }
                return null;
            }
            return event.field(sigmaField);
        };
    }

    private static String template(Event event, String template) {
        StringBuilder text = new StringBuilder();
        int i = 0;
        while (i < template.length()) {
            int open = template.indexOf('{', i);
            int close = open < 0 ? -1 : template.indexOf('}', open);
            if (open < 0 || close < 0) {
                text.append(template, i, template.length());
                break;
            }
            text.append(template, i, open);
            String value = FieldValues.scalarText(event.field(template.substring(open + 1, close)));
            if (value == null || value.isEmpty()) {
                return null;
            }
            text.append(value);
            i = close + 1;
        }
        return text.toString();
    }
}
