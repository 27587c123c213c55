package dev.harrier.core.engine;

import dev.harrier.core.event.Event;
import dev.harrier.core.event.FieldValues;
import dev.harrier.core.event.JsonNull;
import dev.harrier.core.value.SigmaValue;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import java.math.BigDecimal;
import java.time.temporal.ChronoField;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A compiled test of one field value against one rule value, with the semantics contract's rules
 * for missing fields ({@code null} and {@code exists} aside, a missing field fails every test),
 * arrays (any element may pass) and numbers (compared by canonical text).
 */
abstract class ValueTest {
    /**
     * Tests a field's value.
     *
     * @param value the field value: null when absent, {@link JsonNull} when explicitly null
     */
    abstract boolean test(Object value, Event event, FieldResolver fields);

    static ValueTest compile(SigmaValue value) {
        if (value instanceof SigmaValue.StringValue string) {
            return new TextTest(StringTest.compile(string.string(), string.cased()));
        }
        if (value instanceof SigmaValue.NumberValue number) {
            return new NumberTest(number.text());
        }
        if (value instanceof SigmaValue.BoolValue bool) {
            return new BoolTest(bool.value());
        }
        if (value == SigmaValue.NullValue.INSTANCE) {
            return new NullTest();
        }
        if (value instanceof SigmaValue.RegexValue regex) {
            return new RegexTest(regex.pattern());
        }
        if (value instanceof SigmaValue.CidrValue cidr) {
            return new CidrTest(cidr.network());
        }
        if (value instanceof SigmaValue.ExistsValue exists) {
            return new ExistsTest(exists.present());
        }
        if (value instanceof SigmaValue.FieldRefValue ref) {
            return new FieldRefTest(ref);
        }
        if (value instanceof SigmaValue.CompareValue compare) {
            return new CompareTest(compare);
        }
        SigmaValue.Expansion expansion = (SigmaValue.Expansion) value;
        List<ValueTest> alternatives = new ArrayList<>();
        for (SigmaValue alternative : expansion.alternatives()) {
            alternatives.add(compile(alternative));
        }
        return new AnyTest(alternatives);
    }

    /** A test on scalar values: lists pass when any element passes; absent, null and maps fail. */
    private abstract static class ScalarTest extends ValueTest {
        abstract boolean testText(String text, Object raw);

        @Override
        final boolean test(Object value, Event event, FieldResolver fields) {
            if (value == null || value == JsonNull.INSTANCE || value instanceof Map) {
                return false;
            }
            if (value instanceof List<?> list) {
                for (Object element : list) {
                    if (test(element, event, fields)) {
                        return true;
                    }
                }
                return false;
            }
            String text = FieldValues.scalarText(value);
            return text != null && testText(text, value);
        }
    }

    /** See {@link StringTest#asciiSubstring()}; null for every other kind of test. */
    String asciiSubstring() {
        return null;
    }

    private static final class TextTest extends ScalarTest {
        private final StringTest test;

        TextTest(StringTest test) {
            this.test = test;
        }

        @Override
        String asciiSubstring() {
            return test.asciiSubstring();
        }

        @Override
        boolean testText(String text, Object raw) {
            return test.test(text);
        }
    }

    private static final class NumberTest extends ScalarTest {
        private final String text;

        NumberTest(String text) {
            this.text = text;
        }

        @Override
        boolean testText(String value, Object raw) {
            return value.equals(text);
        }
    }

    private static final class BoolTest extends ScalarTest {
        private final String text;

        BoolTest(boolean value) {
            this.text = Boolean.toString(value);
        }

        @Override
        boolean testText(String value, Object raw) {
            return value.equalsIgnoreCase(text);
        }
    }

    private static final class NullTest extends ValueTest {
        @Override
        boolean test(Object value, Event event, FieldResolver fields) {
            return value == null || value == JsonNull.INSTANCE;
        }
    }

    private static final class ExistsTest extends ValueTest {
        private final boolean present;

        ExistsTest(boolean present) {
            this.present = present;
        }

        @Override
        boolean test(Object value, Event event, FieldResolver fields) {
            return (value != null) == present;
        }
    }

    private static final class RegexTest extends ScalarTest {
        private final com.google.re2j.Pattern pattern;

        RegexTest(com.google.re2j.Pattern pattern) {
            this.pattern = pattern;
        }

        @Override
        boolean testText(String text, Object raw) {
            return pattern.matcher(text).find();
        }
    }

    private static final class CidrTest extends ScalarTest {
        private final IPAddress network;

        CidrTest(IPAddress network) {
            this.network = network;
        }

        @Override
        boolean testText(String text, Object raw) {
            IPAddress address = parseAddress(text.trim());
            return address != null && address.getIPVersion() == network.getIPVersion()
                    && network.contains(address);
        }
    }

    private static final java.util.regex.Pattern IPV4 = java.util.regex.Pattern.compile(
            "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])"
                    + "(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}");
    private static final java.util.regex.Pattern IPV6_CHARACTERS =
            java.util.regex.Pattern.compile("[0-9A-Fa-f:.]+(%[0-9A-Za-z._-]+)?");

    /**
     * Returns the address written in {@code text} in standard notation only: dotted-quad IPv4 with
     * no leading zeros, or IPv6 hex groups (with an optional embedded IPv4 and zone). Forms such as
     * {@code 10.1.2}, {@code 167772161}, {@code 012.1.1.1} or wildcards are not addresses, so they
     * never match a network.
     */
    static IPAddress parseAddress(String text) {
        if (IPV4.matcher(text).matches()) {
            return new IPAddressString(text).getAddress();
        }
        if (text.indexOf(':') >= 0 && IPV6_CHARACTERS.matcher(text).matches()) {
            IPAddress address = new IPAddressString(text).getAddress();
            return address != null && address.isIPv6() && !address.isPrefixed() ? address : null;
        }
        return null;
    }

    private static final class FieldRefTest extends ScalarTest {
        private final SigmaValue.FieldRefValue ref;

        FieldRefTest(SigmaValue.FieldRefValue ref) {
            this.ref = ref;
        }

        @Override
        boolean testText(String text, Object raw) {
            throw new IllegalStateException("field references are tested with the event");
        }

        boolean testAgainst(String text, Object other) {
            if (other instanceof List<?> list) {
                for (Object element : list) {
                    if (testAgainst(text, element)) {
                        return true;
                    }
                }
                return false;
            }
            String otherText = FieldValues.scalarText(other);
            if (otherText == null) {
                return false;
            }
            boolean ignoreCase = !ref.cased();
            switch (ref.kind()) {
                case EQUALS:
                    return ignoreCase ? text.equalsIgnoreCase(otherText) : text.equals(otherText);
                case STARTS_WITH:
                    return text.regionMatches(ignoreCase, 0, otherText, 0, otherText.length());
                case ENDS_WITH:
                    int start = text.length() - otherText.length();
                    return start >= 0
                            && text.regionMatches(ignoreCase, start, otherText, 0, otherText.length());
                default:
                    return ignoreCase ? StringTest.indexOfIgnoreCase(text, otherText, 0) >= 0
                            : text.contains(otherText);
            }
        }

        ValueTest bound(Event event, FieldResolver fields) {
            Object other = fields.resolve(event, ref.field());
            FieldRefTest self = this;
            return new ScalarTest() {
                @Override
                boolean testText(String text, Object raw) {
                    return other != null && other != JsonNull.INSTANCE && self.testAgainst(text, other);
                }
            };
        }
    }

    private static final class CompareTest extends ScalarTest {
        private final SigmaValue.CompareValue compare;

        CompareTest(SigmaValue.CompareValue compare) {
            this.compare = compare;
        }

        @Override
        boolean testText(String text, Object raw) {
            BigDecimal actual;
            if (compare.timePart() != null) {
                Long part = timePart(text, compare.timePart());
                if (part == null) {
                    return false;
                }
                actual = BigDecimal.valueOf(part);
            } else {
                actual = Numbers.parse(text);
                if (actual == null) {
                    return false;
                }
            }
            return compare.op().test(actual.compareTo(compare.number()));
        }

        private static Long timePart(String text, SigmaValue.TimePart part) {
            java.time.ZonedDateTime time = Times.parse(text);
            if (time == null) {
                return null;
            }
            switch (part) {
                case MINUTE:
                    return (long) time.getMinute();
                case HOUR:
                    return (long) time.getHour();
                case DAY:
                    return (long) time.getDayOfMonth();
                case WEEK:
                    return (long) time.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
                case MONTH:
                    return (long) time.getMonthValue();
                default:
                    return time.getLong(ChronoField.YEAR);
            }
        }
    }

    private static final class AnyTest extends ValueTest {
        private final List<ValueTest> alternatives;

        AnyTest(List<ValueTest> alternatives) {
            this.alternatives = List.copyOf(alternatives);
        }

        @Override
        boolean test(Object value, Event event, FieldResolver fields) {
            for (ValueTest alternative : alternatives) {
                if (alternative.test(value, event, fields)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** Returns the test to run for this event; field references bind the other field's value. */
    ValueTest forEvent(Event event, FieldResolver fields) {
        if (this instanceof FieldRefTest ref) {
            return ref.bound(event, fields);
        }
        return this;
    }
}
