package dev.harrier.io.output;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.harrier.core.correlation.CorrelationMatch;
import dev.harrier.core.correlation.EventRef;
import dev.harrier.core.event.Event;
import dev.harrier.core.rule.SigmaCorrelationRule;
import dev.harrier.core.rule.SigmaRule;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;

/**
 * One JSON object per match and line:
 *
 * <pre>
 * {"rule":{"id":..,"title":..,"level":..,"tags":[..]},"timestamp":..,
 *  "source":{"path":..,"locator":..,"profile":..},"event":{..}}
 * </pre>
 */
public final class JsonlMatchWriter implements MatchWriter {
    private final JsonGenerator generator;
    private final OutputStream out;

    public JsonlMatchWriter(OutputStream out) throws IOException {
        this.out = out;
        this.generator = new JsonFactory().createGenerator(out, JsonEncoding.UTF8);
        generator.setRootValueSeparator(null);
        // The caller owns the stream: an atomic output file must be committed, not closed here.
        generator.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    }

    @Override
    public void write(MatchRecord match) throws IOException {
        SigmaRule rule = match.match().rule();
        Event event = match.match().event();
        generator.writeStartObject();
        generator.writeObjectFieldStart("rule");
        generator.writeStringField("id", rule.id());
        generator.writeStringField("title", rule.title());
        generator.writeStringField("level", rule.level() == null ? null : rule.level().text());
        generator.writeArrayFieldStart("tags");
        for (String tag : rule.tags()) {
            generator.writeString(tag);
        }
        generator.writeEndArray();
        generator.writeEndObject();
        generator.writeStringField("timestamp",
                event.timestamp() == null ? null : event.timestamp().toString());
        generator.writeObjectFieldStart("source");
        generator.writeStringField("path", match.path());
        generator.writeStringField("locator", match.locator());
        generator.writeStringField("profile", match.match().profile());
        generator.writeStringField("shape", event.shape());
        generator.writeEndObject();
        generator.writeFieldName("event");
        writeValue(event.fields());
        generator.writeEndObject();
        generator.flush();
        out.write('\n');
    }

    /**
     * Writes a correlation alert: the correlation rule, the window start as {@code timestamp}, and
     * {@code correlation} with the type, group, window, value and the events that made it.
     */
    @Override
    public void writeCorrelation(CorrelationMatch match) throws IOException {
        SigmaCorrelationRule rule = match.rule();
        generator.writeStartObject();
        generator.writeObjectFieldStart("rule");
        generator.writeStringField("id", rule.id());
        generator.writeStringField("title", rule.title());
        generator.writeStringField("level", rule.level() == null ? null : rule.level().text());
        generator.writeArrayFieldStart("tags");
        for (String tag : rule.tags()) {
            generator.writeString(tag);
        }
        generator.writeEndArray();
        generator.writeEndObject();
        generator.writeStringField("timestamp", match.windowStart().toString());
        generator.writeObjectFieldStart("correlation");
        generator.writeStringField("type", rule.type().text());
        generator.writeFieldName("group");
        writeValue(match.group());
        generator.writeObjectFieldStart("window");
        generator.writeStringField("start", match.windowStart().toString());
        generator.writeStringField("end", match.windowEnd().toString());
        generator.writeStringField("timespan", rule.timespan().toString());
        generator.writeEndObject();
        generator.writeNumberField("value", match.value());
        generator.writeArrayFieldStart("events");
        for (EventRef event : match.events()) {
            generator.writeStartObject();
            generator.writeStringField("rule", event.rule());
            generator.writeStringField("path", event.path());
            generator.writeStringField("locator", event.locator());
            generator.writeStringField("timestamp",
                    event.timestamp() == null ? null : event.timestamp().toString());
            generator.writeEndObject();
        }
        generator.writeEndArray();
        generator.writeEndObject();
        generator.writeEndObject();
        generator.flush();
        out.write('\n');
    }

    /** Writes an event field value (map, list, scalar or JSON null) as JSON. */
    public static void writeValue(JsonGenerator generator, Object value) throws IOException {
        if (value instanceof Map<?, ?> map) {
            generator.writeStartObject();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                generator.writeFieldName(String.valueOf(entry.getKey()));
                writeValue(generator, entry.getValue());
            }
            generator.writeEndObject();
        } else if (value instanceof List<?> list) {
            generator.writeStartArray();
            for (Object element : list) {
                writeValue(generator, element);
            }
            generator.writeEndArray();
        } else if (value instanceof String text) {
            generator.writeString(text);
        } else if (value instanceof Long || value instanceof Integer) {
            generator.writeNumber(((Number) value).longValue());
        } else if (value instanceof java.math.BigDecimal decimal) {
            generator.writeNumber(decimal);
        } else if (value instanceof java.math.BigInteger integer) {
            generator.writeNumber(integer);
        } else if (value instanceof Number number) {
            generator.writeNumber(number.doubleValue());
        } else if (value instanceof Boolean bool) {
            generator.writeBoolean(bool);
        } else if (value == null || value == dev.harrier.core.event.JsonNull.INSTANCE) {
            generator.writeNull();
        } else {
            generator.writeString(String.valueOf(value));
        }
    }

    private void writeValue(Object value) throws IOException {
        writeValue(generator, value);
    }

    @Override
    public void finish(RunSummary summary) throws IOException {
        generator.flush();
        out.flush();
    }

    @Override
    public void close() throws IOException {
        generator.close();
    }
}
