package dev.harrier.core.condition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ConditionParserTest {
    private static final List<String> IDENTIFIERS = List.of("selection", "sel1", "sel2",
            "filter_a", "filter_b", "_hidden", "not_sel", "selection_or", "orgs", "andy",
            "keywords");

    static Stream<Arguments> validConditions() {
        return Stream.of(
                Arguments.of("single identifier", "selection", "ref(selection)"),
                Arguments.of("and", "sel1 and sel2", "and(ref(sel1),ref(sel2))"),
                Arguments.of("or", "sel1 or sel2", "or(ref(sel1),ref(sel2))"),
                Arguments.of("not binds tighter than and",
                        "selection and not sel1", "and(ref(selection),not(ref(sel1)))"),
                Arguments.of("and binds tighter than or",
                        "sel1 or sel2 and not selection",
                        "or(ref(sel1),and(ref(sel2),not(ref(selection))))"),
                Arguments.of("parentheses", "(sel1 or sel2) and not selection",
                        "and(or(ref(sel1),ref(sel2)),not(ref(selection)))"),
                Arguments.of("chains flatten", "sel1 and sel2 and selection",
                        "and(ref(sel1),ref(sel2),ref(selection))"),
                Arguments.of("double not", "not not sel1", "not(not(ref(sel1)))"),
                Arguments.of("one of pattern", "1 of filter_*",
                        "anyof(filter_*=filter_a,filter_b)"),
                Arguments.of("any of pattern", "any of filter_*",
                        "anyof(filter_*=filter_a,filter_b)"),
                Arguments.of("all of pattern", "all of filter_*",
                        "allof(filter_*=filter_a,filter_b)"),
                Arguments.of("them skips underscore identifiers", "1 of them",
                        "anyof(them=selection,sel1,sel2,filter_a,filter_b,not_sel,selection_or,"
                                + "orgs,andy,keywords)"),
                Arguments.of("underscore pattern selects underscore identifiers", "1 of _*",
                        "anyof(_*=_hidden)"),
                Arguments.of("star pattern skips underscore identifiers", "all of sel*",
                        "allof(sel*=selection,sel1,sel2,selection_or)"),
                Arguments.of("selector under not", "selection and not 1 of filter_*",
                        "and(ref(selection),not(anyof(filter_*=filter_a,filter_b)))"),
                Arguments.of("identifier starting with not", "selection and not_sel",
                        "and(ref(selection),ref(not_sel))"),
                Arguments.of("identifier containing or", "selection_or or orgs",
                        "or(ref(selection_or),ref(orgs))"),
                Arguments.of("identifier starting with and", "andy and not not_sel",
                        "and(ref(andy),not(ref(not_sel)))"),
                Arguments.of("no spaces around parentheses", "(sel1)and(not sel2)",
                        "and(ref(sel1),not(ref(sel2)))"),
                Arguments.of("extra whitespace", "  sel1\tand\n sel2 ",
                        "and(ref(sel1),ref(sel2))"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validConditions")
    void parsesToCanonicalDump(String name, String condition, String expected) {
        assertThat(ConditionParser.parse(condition, IDENTIFIERS).dump()).isEqualTo(expected);
    }

    static Stream<Arguments> invalidConditions() {
        return Stream.of(
                Arguments.of("undefined identifier", "selection and missing", "undefined", 15),
                Arguments.of("upper-case AND", "sel1 AND sel2", "lower-case", 6),
                Arguments.of("upper-case NOT", "NOT sel1", "lower-case", 1),
                Arguments.of("pattern matching nothing", "selection and 1 of addon_*",
                        "matches no search identifier", 20),
                Arguments.of("numeric quantifier", "2 of filter_*", "only '1 of'", 1),
                Arguments.of("question mark pattern", "1 of filter_?", "invalid identifier pattern",
                        6),
                Arguments.of("missing closing parenthesis", "(sel1 or sel2", "missing ')'", 1),
                Arguments.of("stray closing parenthesis", "sel1)", "unexpected token", 5),
                Arguments.of("dangling and", "sel1 and", "condition ends", 9),
                Arguments.of("leading or", "or sel1", "no left operand", 1),
                Arguments.of("aggregation pipe", "selection | count() > 5", "deprecated", 11),
                Arguments.of("empty", "   ", "empty", 1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidConditions")
    void rejectsInvalidCondition(String name, String condition, String message, int column) {
        assertThatThrownBy(() -> ConditionParser.parse(condition, IDENTIFIERS))
                .isInstanceOf(ConditionException.class)
                .hasMessageContaining(message)
                .satisfies(e -> assertThat(((ConditionException) e).column()).isEqualTo(column));
    }

    @org.junit.jupiter.api.Test
    void rejectsDeepNesting() {
        String condition = "(".repeat(10_000) + "sel1" + ")".repeat(10_000);
        assertThatThrownBy(() -> ConditionParser.parse(condition, IDENTIFIERS))
                .isInstanceOf(ConditionException.class)
                .hasMessageContaining("nested deeper");
    }
}
