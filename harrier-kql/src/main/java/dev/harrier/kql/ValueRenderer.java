package dev.harrier.kql;

import dev.harrier.core.rule.SourceLocation;
import dev.harrier.core.value.SigmaValue;
import java.util.ArrayList;
import java.util.List;

/** Renders one Sigma value tested against one column as a KQL predicate. */
final class ValueRenderer {
    private ValueRenderer() {}

    static KqlExpression render(
            SigmaValue value, Column column, FieldBinding fields, SourceLocation location) {
        if (value instanceof SigmaValue.Expansion expansion) {
            List<KqlExpression> alternatives = new ArrayList<>();
            for (SigmaValue alternative : expansion.alternatives()) {
                alternatives.add(render(alternative, column, fields, location));
            }
            return KqlExpression.or(alternatives);
        }
        if (column.fileNameOnly()) {
            return FileNameRenderer.render(value, column, location);
        }
        String name = KqlDialect.column(column.name());
        if (value instanceof SigmaValue.StringValue text) {
            return renderString(text, column, name, location);
        }
        if (value instanceof SigmaValue.NumberValue number) {
            String operand = column.type() == ColumnType.NUMBER ? name : textOf(column, name);
            return KqlExpression.term(operand + " == " + numberLiteral(number, column));
        }
        if (value instanceof SigmaValue.BoolValue bool) {
            return renderBool(bool, column, name);
        }
        if (value == SigmaValue.NullValue.INSTANCE) {
            return KqlExpression.term(KqlDialect.call(emptyTest(column, true), name));
        }
        if (value instanceof SigmaValue.ExistsValue exists) {
            return KqlExpression.term(KqlDialect.call(emptyTest(column, !exists.present()), name));
        }
        if (value instanceof SigmaValue.RegexValue regex) {
            return KqlExpression.term(KqlDialect.matchesRegex(textOf(column, name), regexText(regex)));
        }
        if (value instanceof SigmaValue.CidrValue cidr) {
            String function = cidr.network().isIPv4() ? "ipv4_is_in_range" : "ipv6_is_in_range";
            return KqlExpression.term(KqlDialect.call(
                    function, textOf(column, name), KqlDialect.string(cidr.text())));
        }
        if (value instanceof SigmaValue.FieldRefValue ref) {
            return renderFieldRef(ref, column, name, fields, location);
        }
        return renderCompare((SigmaValue.CompareValue) value, column, name);
    }

    /** Returns whether string operators apply to the column without a conversion. */
    static boolean isTextColumn(Column column) {
        return column.type() == ColumnType.STRING || column.type() == ColumnType.UNKNOWN;
    }

    /** Returns the column as string text: itself, or {@code tostring(column)} for other types. */
    private static String textOf(Column column, String name) {
        return isTextColumn(column) ? name : KqlDialect.call("tostring", name);
    }

    /**
     * Returns a number as KQL compares it with the column: bare ({@code 4624}) for numeric and
     * untyped columns, quoted ({@code "4624"}) for string columns, as Sigma compares numbers by
     * their canonical text.
     */
    static String numberLiteral(SigmaValue.NumberValue number, Column column) {
        if (column.type() == ColumnType.NUMBER || column.type() == ColumnType.UNKNOWN) {
            return number.text();
        }
        return KqlDialect.string(number.text());
    }

    private static String emptyTest(Column column, boolean empty) {
        if (isTextColumn(column)) {
            // Kusto strings cannot be null: an absent value is the empty string.
            return empty ? "isempty" : "isnotempty";
        }
        return empty ? "isnull" : "isnotnull";
    }

    private static KqlExpression renderString(
            SigmaValue.StringValue value, Column column, String name, SourceLocation location) {
        if (value.string().isByteString()) {
            throw PredicateRenderer.unsupported(
                    "a UTF-16 value without base64 is a byte sequence, which KQL strings cannot hold",
                    location, value);
        }
        PredicateRenderer.Pattern pattern = PredicateRenderer.Pattern.of(value.string());
        if (column.type() == ColumnType.NUMBER && pattern.literal() != null
                && pattern.operator() == KqlDialect.StringOperator.EQUALS
                && pattern.literal().matches("-?(0|[1-9][0-9]{0,17})")) {
            return KqlExpression.term(name + " == " + pattern.literal());
        }
        String text = textOf(column, name);
        if (pattern.literal() == null) {
            return KqlExpression.term(KqlDialect.matchesRegex(text, pattern.regex(value.cased())));
        }
        // NOTE: KQL cannot tell an absent string from an empty one, so '' also matches an absent
        // field here, and "*", which matches any present value in Sigma, misses an empty one.
        if (pattern.literal().isEmpty() && pattern.operator() != KqlDialect.StringOperator.EQUALS) {
            return KqlExpression.term(KqlDialect.call("isnotempty", text));
        }
        return KqlExpression.term(
                KqlDialect.compare(text, pattern.operator(), value.cased(), pattern.literal()));
    }

    private static KqlExpression renderBool(SigmaValue.BoolValue bool, Column column, String name) {
        if (column.type() == ColumnType.BOOL || column.type() == ColumnType.UNKNOWN) {
            return KqlExpression.term(name + " == " + bool.value());
        }
        return KqlExpression.term(KqlDialect.compare(textOf(column, name),
                KqlDialect.StringOperator.EQUALS, false, Boolean.toString(bool.value())));
    }

    private static String regexText(SigmaValue.RegexValue regex) {
        String flags = (regex.ignoreCase() ? "i" : "") + (regex.multiLine() ? "m" : "")
                + (regex.dotAll() ? "s" : "");
        return flags.isEmpty() ? regex.regex() : "(?" + flags + ")" + regex.regex();
    }

    private static KqlExpression renderFieldRef(SigmaValue.FieldRefValue ref, Column column,
            String name, FieldBinding fields, SourceLocation location) {
        List<Column> others = fields.resolve(ref.field(), location);
        if (others.size() != 1 || others.get(0).fileNameOnly()) {
            throw PredicateRenderer.unsupported("fieldref to '" + ref.field()
                    + "' needs exactly one column holding the whole value", location, ref);
        }
        Column other = others.get(0);
        String otherText = textOf(other, KqlDialect.column(other.name()));
        KqlDialect.StringOperator operator;
        switch (ref.kind()) {
            case EQUALS:
                operator = KqlDialect.StringOperator.EQUALS;
                break;
            case STARTS_WITH:
                operator = KqlDialect.StringOperator.STARTS_WITH;
                break;
            case ENDS_WITH:
                operator = KqlDialect.StringOperator.ENDS_WITH;
                break;
            default:
                operator = KqlDialect.StringOperator.CONTAINS;
        }
        // NOTE: Sigma fails the test when the other field is absent; in KQL an absent string is
        // empty, which "contains", "startswith" and "endswith" accept.
        return KqlExpression.term(textOf(column, name) + " " + operator.token(ref.cased()) + " "
                + otherText);
    }

    private static KqlExpression renderCompare(
            SigmaValue.CompareValue compare, Column column, String name) {
        String number = compare.number().toPlainString();
        String operand;
        if (compare.timePart() != null) {
            String time = column.type() == ColumnType.DATETIME || column.type() == ColumnType.UNKNOWN
                    ? name : KqlDialect.call("todatetime", name);
            if (compare.timePart() == SigmaValue.TimePart.WEEK) {
                // week_of_year returns the ISO 8601 week number, as the engine does.
                operand = KqlDialect.call("week_of_year", time);
            } else {
                operand = KqlDialect.call("datetime_part",
                        KqlDialect.string(PredicateRenderer.lower(compare.timePart())), time);
            }
        } else if (column.type() == ColumnType.NUMBER || column.type() == ColumnType.UNKNOWN) {
            operand = name;
        } else {
            // toreal returns null for text that is not a number, and null comparisons are false.
            operand = KqlDialect.call("toreal", textOf(column, name));
        }
        return KqlExpression.term(operand + " " + compare.op().symbol() + " " + number);
    }
}
