package dev.harrier.core.engine;

import dev.harrier.core.event.Event;
import dev.harrier.core.event.FieldValues;
import java.util.List;

/**
 * A compiled boolean test over an event: the rule's condition with every search identifier
 * replaced by the detection it names. Matchers are immutable and thread-safe.
 */
public abstract class Matcher {
    Matcher() {}

    /** Returns true when the event satisfies this matcher, with fields resolved by {@code fields}. */
    public abstract boolean matches(Event event, FieldResolver fields);

    /** A compact dump of this matcher, for tests and {@code explain}. */
    public abstract String dump();

    @Override
    public String toString() {
        return dump();
    }

    static final class And extends Matcher {
        private final Matcher[] operands;

        And(List<Matcher> operands) {
            this.operands = operands.toArray(new Matcher[0]);
        }

        @Override
        public boolean matches(Event event, FieldResolver fields) {
            for (Matcher operand : operands) {
                if (!operand.matches(event, fields)) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public String dump() {
            return join("and", operands);
        }
    }

    static final class Or extends Matcher {
        private final Matcher[] operands;

        Or(List<Matcher> operands) {
            this.operands = operands.toArray(new Matcher[0]);
        }

        @Override
        public boolean matches(Event event, FieldResolver fields) {
            for (Matcher operand : operands) {
                if (operand.matches(event, fields)) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public String dump() {
            return join("or", operands);
        }
    }

    static final class Not extends Matcher {
        private final Matcher operand;

        Not(Matcher operand) {
            this.operand = operand;
        }

        @Override
        public boolean matches(Event event, FieldResolver fields) {
            return !operand.matches(event, fields);
        }

        @Override
        public String dump() {
            return "not(" + operand.dump() + ")";
        }
    }

    /** A detection item on a field: any value passes, or all values with {@code all}. */
    static final class FieldItem extends Matcher {
        private final String field;
        private final ValueTest[] tests;
        private final boolean all;
        private final boolean hasFieldRef;
        private final String text;

        FieldItem(String field, List<ValueTest> tests, boolean all, boolean hasFieldRef, String text) {
            this.field = field;
            this.tests = tests.toArray(new ValueTest[0]);
            this.all = all;
            this.hasFieldRef = hasFieldRef;
            this.text = text;
        }

        @Override
        public boolean matches(Event event, FieldResolver fields) {
            Object value = fields.resolve(event, field);
            for (ValueTest test : tests) {
                ValueTest bound = hasFieldRef ? test.forEvent(event, fields) : test;
                boolean passed = bound.test(value, event, fields);
                if (all != passed) {
                    return passed;
                }
            }
            return all;
        }

        @Override
        public String dump() {
            return text;
        }
    }

    /**
     * A keyword item: a value passes when it occurs in any string value of the event or in its raw
     * message (values are compiled as substring patterns).
     */
    static final class KeywordItem extends Matcher {
        private final ValueTest[] tests;
        private final boolean all;
        private final String text;

        KeywordItem(List<ValueTest> tests, boolean all, String text) {
            this.tests = tests.toArray(new ValueTest[0]);
            this.all = all;
            this.text = text;
        }

        @Override
        public boolean matches(Event event, FieldResolver fields) {
            for (ValueTest test : tests) {
                boolean passed = anyLeaf(test, event, fields);
                if (all != passed) {
                    return passed;
                }
            }
            return all;
        }

        private static boolean anyLeaf(ValueTest test, Event event, FieldResolver fields) {
            String needle = test.asciiSubstring();
            if (needle != null) {
                return PrefilterText.of(event).contains(needle);
            }
            String message = event.rawMessage();
            if (message != null && test.test(message, event, fields)) {
                return true;
            }
            boolean[] found = {false};
            for (Object value : event.fields().values()) {
                FieldValues.forEachLeafText(value, text -> {
                    if (!found[0] && test.test(text, event, fields)) {
                        found[0] = true;
                    }
                });
                if (found[0]) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public String dump() {
            return text;
        }
    }

    static final class Constant extends Matcher {
        private final boolean value;

        Constant(boolean value) {
            this.value = value;
        }

        @Override
        public boolean matches(Event event, FieldResolver fields) {
            return value;
        }

        @Override
        public String dump() {
            return Boolean.toString(value);
        }
    }

    private static String join(String name, Matcher[] operands) {
        StringBuilder text = new StringBuilder(name).append('(');
        for (int i = 0; i < operands.length; i++) {
            if (i > 0) {
                text.append(',');
            }
            text.append(operands[i].dump());
        }
        return text.append(')').toString();
    }
}
