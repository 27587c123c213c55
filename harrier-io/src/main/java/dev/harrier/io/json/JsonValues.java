package dev.harrier.io.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import dev.harrier.core.event.JsonNull;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds Java values from a streaming parser: strings as {@link String}, integers as {@link Long}
 * (or {@link java.math.BigInteger} beyond the range of long), other numbers as {@link Double} (or
 * {@link java.math.BigDecimal} beyond the range of double), booleans as {@link Boolean}, null as
 * {@link JsonNull#INSTANCE}, arrays as {@link List} and objects as {@link LinkedHashMap} in input
 * order. A repeated key keeps its last value.
 *
 * <p>Recursion depth equals the JSON nesting depth, so callers must bound it first. The record
 * framer and the parser's {@code StreamReadConstraints} both do.
 */
final class JsonValues {
    private JsonValues() {}

    /** Reads the object whose {@code START_OBJECT} token is the parser's current token. */
    static Map<String, Object> readObject(JsonParser parser) throws IOException {
        Map<String, Object> object = new LinkedHashMap<>();
        JsonToken token;
        while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            object.put(name, readValue(parser, parser.nextToken()));
        }
        if (token != JsonToken.END_OBJECT) {
            throw new IOException("expected the end of an object, found " + token);
        }
        return object;
    }

    private static List<Object> readArray(JsonParser parser) throws IOException {
        List<Object> array = new ArrayList<>();
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
            array.add(readValue(parser, token));
        }
        return array;
    }

    private static Object readValue(JsonParser parser, JsonToken token) throws IOException {
        if (token == null) {
            throw new IOException("the input ends inside a value");
        }
        switch (token) {
            case START_OBJECT:
                return readObject(parser);
            case START_ARRAY:
                return readArray(parser);
            case VALUE_STRING:
                return parser.getText();
            case VALUE_NUMBER_INT:
                return readInteger(parser);
            case VALUE_NUMBER_FLOAT:
                return readFloat(parser);
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NULL:
                return JsonNull.INSTANCE;
            default:
                throw new IOException("unexpected JSON token " + token);
        }
    }

    private static Object readInteger(JsonParser parser) throws IOException {
        if (parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
            return parser.getBigIntegerValue();
        }
        return parser.getLongValue();
    }

    private static Object readFloat(JsonParser parser) throws IOException {
        double value = parser.getDoubleValue();
        if (Double.isFinite(value)) {
            return value;
        }
        return parser.getDecimalValue();
    }
}
