package dev.harrier.kql;

import dev.harrier.core.rule.SourceLocation;
import dev.harrier.core.value.SigmaString;
import dev.harrier.core.value.SigmaValue;
import java.util.List;

/**
 * Renders tests on a Sigma path field against a column that holds only the file name. Only tests
 * on the end of the path translate: {@code endswith "\cmd.exe"} is the file name {@code =~
 * "cmd.exe"}, and {@code endswith "md.exe"} is the file name {@code endswith "md.exe"}.
 */
final class FileNameRenderer {
    private FileNameRenderer() {}

    static KqlExpression render(SigmaValue value, Column column, SourceLocation location) {
        String name = KqlDialect.column(column.name());
        if (value == SigmaValue.NullValue.INSTANCE) {
            return KqlExpression.term(KqlDialect.call("isempty", name));
        }
        if (value instanceof SigmaValue.ExistsValue exists) {
            return KqlExpression.term(
                    KqlDialect.call(exists.present() ? "isnotempty" : "isempty", name));
        }
        if (value instanceof SigmaValue.StringValue text) {
            List<SigmaString.Part> parts = text.string().parts();
            if (parts.size() == 2 && parts.get(0) == SigmaString.Wildcard.ANY_RUN
                    && parts.get(1) instanceof SigmaString.Literal literal) {
                String end = literal.text();
                int separator = end.lastIndexOf('\\');
                if (separator == 0 && end.length() > 1) {
                    return KqlExpression.term(KqlDialect.compare(name,
                            KqlDialect.StringOperator.EQUALS, text.cased(), end.substring(1)));
                }
                if (separator < 0) {
                    return KqlExpression.term(KqlDialect.compare(name,
                            KqlDialect.StringOperator.ENDS_WITH, text.cased(), end));
                }
            }
        }
        throw PredicateRenderer.unsupported("column " + column.name()
                + " holds only the file name, so only tests on the end of the path translate",
                location, value);
    }
}
