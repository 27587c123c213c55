package dev.harrier.kql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class KqlDialectTest {
    @Test
    void stringEscapesBackslashAndQuote() {
        assertEquals("\"C:\\\\Windows\\\\\"", KqlDialect.string("C:\\Windows\\"));
        assertEquals("\"say \\\"hi\\\"\"", KqlDialect.string("say \"hi\""));
        assertEquals("\"it's\"", KqlDialect.string("it's"));
    }

    @Test
    void stringEscapesControlCharacters() {
        assertEquals("\"a\\nb\\rc\\td\"", KqlDialect.string("a\nb\rc\td"));
        assertEquals("\"\\u0001\"", KqlDialect.string("\u0001"));
        assertEquals("\"ünïcode 😀\"", KqlDialect.string("ünïcode 😀"));
    }

    @Test
    void columnQuotesNonIdentifiers() {
        assertEquals("CommandLine", KqlDialect.column("CommandLine"));
        assertEquals("_BilledSize", KqlDialect.column("_BilledSize"));
        assertEquals("['c-uri']", KqlDialect.column("c-uri"));
        assertEquals("['Field Name']", KqlDialect.column("Field Name"));
        assertEquals("['it\\'s']", KqlDialect.column("it's"));
        assertEquals("['where']", KqlDialect.column("where"));
        assertEquals("['1st']", KqlDialect.column("1st"));
    }

    @Test
    void regexLiteralEscapesMetacharacters() {
        assertEquals("a\\.b\\*c\\?\\(x\\)\\[y\\]\\{2\\}\\|\\^\\$\\\\\\+",
                KqlDialect.regexLiteral("a.b*c?(x)[y]{2}|^$\\+"));
        assertEquals("plain text", KqlDialect.regexLiteral("plain text"));
    }

    @Test
    void operatorsFollowCase() {
        assertEquals("F =~ \"x\"",
                KqlDialect.compare("F", KqlDialect.StringOperator.EQUALS, false, "x"));
        assertEquals("F == \"x\"",
                KqlDialect.compare("F", KqlDialect.StringOperator.EQUALS, true, "x"));
        assertEquals("F contains_cs \"x\"",
                KqlDialect.compare("F", KqlDialect.StringOperator.CONTAINS, true, "x"));
        assertEquals("F in~ (\"a\", \"b\")", KqlDialect.inList("F", List.of("\"a\"", "\"b\""), false));
        assertEquals("F in (\"a\")", KqlDialect.inList("F", List.of("\"a\""), true));
    }
}
