package dev.harrier.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.harrier.core.event.Event;
import dev.harrier.core.load.RuleLoader;
import dev.harrier.core.rule.SigmaRule;
import dev.harrier.core.value.Placeholders;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each case is a detection section, an event and whether the rule matches it. */
class RuleMatchingTest {
    static final Object NULL = dev.harrier.core.event.JsonNull.INSTANCE;

    static Event event(Object... keyValues) {
        Event.Builder builder = Event.builder("test");
        for (int i = 0; i < keyValues.length; i += 2) {
            builder.put((String) keyValues[i], keyValues[i + 1]);
        }
        return builder.build();
    }

    static Map<String, Object> map(Object... keyValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put((String) keyValues[i], keyValues[i + 1]);
        }
        return map;
    }

    static SigmaRule rule(String detection) {
        String text = "title: test\nlogsource: {product: windows}\ndetection:\n"
                + detection.indent(4);
        RuleLoader.LoadResult result = new RuleLoader(new Placeholders(Map.of(
                "Admins", List.of("adm1", "adm2"), "Temp", List.of("C:\\Temp\\\\*"))))
                .loadText("test.yml", text);
        assertThat(result.errors()).as("load errors").isEmpty();
        assertThat(result.rules()).hasSize(1);
        return result.rules().get(0);
    }

    static Arguments match(String name, String detection, Event event, boolean expected) {
        return Arguments.of(name, detection, event, expected);
    }

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        cases.addAll(Arrays.asList(
                // plain strings and wildcards
                match("exact is case-insensitive", "s: {Image: 'C:\\Windows\\cmd.exe'}\ncondition: s",
                        event("Image", "c:\\windows\\CMD.EXE"), true),
                match("exact is whole value", "s: {Image: 'cmd.exe'}\ncondition: s",
                        event("Image", "C:\\cmd.exe"), false),
                match("leading star is endswith", "s: {Image: '*\\cmd.exe'}\ncondition: s",
                        event("Image", "C:\\Windows\\cmd.exe"), true),
                match("question mark is one char", "s: {F: 'a?c'}\ncondition: s",
                        event("F", "abc"), true),
                match("question mark needs a char", "s: {F: 'a?c'}\ncondition: s",
                        event("F", "ac"), false),
                match("middle star", "s: {F: 'a*c*e'}\ncondition: s", event("F", "abXcdE"), true),
                match("middle star order", "s: {F: 'a*c*e'}\ncondition: s", event("F", "aec"), false),
                match("escaped star is literal", "s: {F: 'a\\*b'}\ncondition: s", event("F", "a*b"), true),
                match("escaped star no wildcard", "s: {F: 'a\\*b'}\ncondition: s", event("F", "axb"), false),
                match("double backslash is one", "s: {F: 'C:\\\\Windows'}\ncondition: s",
                        event("F", "C:\\Windows"), true),
                match("backslash then wildcard", "s: {F: 'a\\\\*'}\ncondition: s",
                        event("F", "a\\xyz"), true),
                match("unicode case folding", "s: {F|contains: 'ПРИКАЗ'}\ncondition: s",
                        event("F", "приказ.docx"), true),
                match("unicode case folding German", "s: {F|contains: 'ÜBERWEISUNG'}\ncondition: s",
                        event("F", "überweisung.pdf"), true),
                match("star spans newlines", "s: {F: 'a*b'}\ncondition: s", event("F", "a\n\nb"), true),
                // modifiers
                match("contains", "s: {F|contains: 'evil'}\ncondition: s", event("F", "xEViLx"), true),
                match("contains trailing backslash", "s: {F|contains: '\\Desktop\\'}\ncondition: s",
                        event("F", "C:\\Desktop"), false),
                match("startswith", "s: {F|startswith: 'C:\\Windows\\'}\ncondition: s",
                        event("F", "c:\\windows\\x"), true),
                match("startswith whole prefix", "s: {F|startswith: 'C:\\Windows\\'}\ncondition: s",
                        event("F", "C:\\Windows"), false),
                match("endswith", "s: {F|endswith: '.exe'}\ncondition: s", event("F", "A.EXE"), true),
                match("contains all both", "s: {F|contains|all: [a1, b2]}\ncondition: s",
                        event("F", "xx b2 a1"), true),
                match("contains all one missing", "s: {F|contains|all: [a1, b2]}\ncondition: s",
                        event("F", "xx a1"), false),
                match("list is or", "s: {F: [a, b]}\ncondition: s", event("F", "b"), true),
                match("base64", "s: {F|base64: 'foobar'}\ncondition: s", event("F", "Zm9vYmFy"), true),
                match("base64 contains", "s: {F|base64|contains: 'foobar'}\ncondition: s",
                        event("F", "xxZm9vYmFyxx"), true),
                match("base64offset offset 0", "s: {F|base64offset|contains: 'foobar'}\ncondition: s",
                        event("F", "..Zm9vYmFy.."), true),
                match("base64offset offset 1", "s: {F|base64offset|contains: 'foobar'}\ncondition: s",
                        event("F", "..Zvb2Jhc.."), true),
                match("base64offset offset 2", "s: {F|base64offset|contains: 'foobar'}\ncondition: s",
                        event("F", "..mb29iYX.."), true),
                match("base64offset none", "s: {F|base64offset|contains: 'foobar'}\ncondition: s",
                        event("F", "foobar"), false),
                match("wide base64offset", "s: {F|wide|base64offset|contains: 'ping'}\ncondition: s",
                        event("F", "cABpAG4AZwA"), true),
                match("utf16le base64", "s: {F|utf16le|base64: 'ab'}\ncondition: s",
                        event("F", "YQBiAA=="), true),
                match("utf16be base64", "s: {F|utf16be|base64: 'ab'}\ncondition: s",
                        event("F", "AGEAYg=="), true),
                match("utf16 base64 has bom", "s: {F|utf16|base64: 'ab'}\ncondition: s",
                        event("F", "//5hAGIA"), true),
                match("windash slash", "s: {F|windash|contains: ' -enc '}\ncondition: s",
                        event("F", "ps /enc x"), true),
                match("windash en dash", "s: {F|windash|contains: ' -enc '}\ncondition: s",
                        event("F", "ps \u2013enc x"), true),
                match("windash em dash", "s: {F|windash|contains: ' -enc '}\ncondition: s",
                        event("F", "ps \u2014enc x"), true),
                match("windash horizontal bar", "s: {F|windash|contains: ' -enc '}\ncondition: s",
                        event("F", "ps \u2015enc x"), true),
                match("windash not inside word", "s: {F|windash: 'a-b'}\ncondition: s",
                        event("F", "a/b"), false),
                match("re unanchored", "s: {F|re: 'Get-ChildItem.{1,32}-Path'}\ncondition: s",
                        event("F", "$x = Get-ChildItem -Recurse -Path C:"), true),
                match("re case-sensitive", "s: {F|re: 'Get-ChildItem'}\ncondition: s",
                        event("F", "get-childitem"), false),
                match("re i flag", "s: {F|re|i: 'Get-ChildItem'}\ncondition: s",
                        event("F", "get-childitem"), true),
                match("re s flag", "s: {F|re|s: 'a.b'}\ncondition: s", event("F", "a\nb"), true),
                match("re without s", "s: {F|re: 'a.b'}\ncondition: s", event("F", "a\nb"), false),
                match("re m flag", "s: {F|re|m: '^b$'}\ncondition: s", event("F", "a\nb"), true),
                match("cidr v4", "s: {F|cidr: '10.0.0.0/8'}\ncondition: s", event("F", "10.2.3.4"), true),
                match("cidr v4 outside", "s: {F|cidr: '10.0.0.0/8'}\ncondition: s",
                        event("F", "11.2.3.4"), false),
                match("cidr v6", "s: {F|cidr: '2001:db8::/64'}\ncondition: s",
                        event("F", "2001:DB8:0:0:0:0:0:5"), true),
                match("cidr v6 outside", "s: {F|cidr: '2001:db8::/64'}\ncondition: s",
                        event("F", "2001:db8:0:1::1"), false),
                match("cidr v6 rule v4 value", "s: {F|cidr: '2001:db8::/64'}\ncondition: s",
                        event("F", "10.0.0.1"), false),
                match("cidr not an address", "s: {F|cidr: '10.0.0.0/8'}\ncondition: s",
                        event("F", "-"), false),
                match("cidr three-part address", "s: {F|cidr: '10.0.0.0/8'}\ncondition: s",
                        event("F", "10.1.2"), false),
                match("cidr integer address", "s: {F|cidr: '10.0.0.0/8'}\ncondition: s",
                        event("F", "167772161"), false),
                match("cidr leading zero", "s: {F|cidr: '10.0.0.0/8'}\ncondition: s",
                        event("F", "010.1.1.1"), false),
                match("cidr wildcard address", "s: {F|cidr: '10.0.0.0/8'}\ncondition: s",
                        event("F", "10.1.1.*"), false),
                match("exists true present", "s: {F|exists: true}\ncondition: s", event("F", ""), true),
                match("exists true null", "s: {F|exists: true}\ncondition: s", event("F", NULL), true),
                match("exists true absent", "s: {F|exists: true}\ncondition: s", event("G", "x"), false),
                match("exists false absent", "s: {F|exists: false}\ncondition: s", event("G", "x"), true),
                match("expand", "s: {User|expand: '%Admins%'}\ncondition: s", event("User", "ADM2"), true),
                match("expand other", "s: {User|expand: '%Admins%'}\ncondition: s",
                        event("User", "bob"), false),
                match("expand wildcard value", "s: {F|expand: '%Temp%'}\ncondition: s",
                        event("F", "C:\\Temp\\x.exe"), true),
                match("fieldref equal", "s: {A|fieldref: B}\ncondition: s", event("A", "x", "B", "X"), true),
                match("fieldref differ", "s: {A|fieldref: B}\ncondition: s", event("A", "x", "B", "y"), false),
                match("fieldref missing", "s: {A|fieldref: B}\ncondition: s", event("A", "x"), false),
                match("fieldref contains", "s: {A|fieldref|contains: B}\ncondition: s",
                        event("A", "xyz", "B", "Y"), true),
                match("fieldref dotted", "s: {a.b|fieldref: c.d}\ncondition: s",
                        event("a", map("b", "v"), "c", map("d", "v")), true),
                match("gt", "s: {N|gt: 5}\ncondition: s", event("N", 6L), true),
                match("gt equal", "s: {N|gt: 5}\ncondition: s", event("N", "5"), false),
                match("gte", "s: {N|gte: 5}\ncondition: s", event("N", "5"), true),
                match("lt", "s: {N|lt: 5}\ncondition: s", event("N", "4.5"), true),
                match("lte", "s: {N|lte: 5}\ncondition: s", event("N", 6L), false),
                match("gt not a number", "s: {N|gt: 5}\ncondition: s", event("N", "0x10"), false),
                match("neq", "s: {F|neq: a}\ncondition: s", event("F", "b"), true),
                match("neq equal", "s: {F|neq: a}\ncondition: s", event("F", "A"), false),
                match("neq list", "s: {F|neq: [a, b]}\ncondition: s", event("F", "b"), false),
                match("cased", "s: {F|cased: Abc}\ncondition: s", event("F", "abc"), false),
                match("cased exact", "s: {F|cased: Abc}\ncondition: s", event("F", "Abc"), true),
                match("cased contains", "s: {F|contains|cased: Abc}\ncondition: s",
                        event("F", "xAbcx"), true),
                match("hour", "s: {T|hour: 7}\ncondition: s", event("T", "2020-10-19 07:30:46.400"), true),
                match("hour gte", "s: {T|hour|gte: 8}\ncondition: s",
                        event("T", "2020-10-19T07:30:46Z"), false),
                match("minute", "s: {T|minute: 30}\ncondition: s", event("T", "2020-10-19T07:30:46Z"), true),
                match("day", "s: {T|day: 19}\ncondition: s", event("T", "2020-10-19T07:30:46Z"), true),
                match("week", "s: {T|week: 43}\ncondition: s", event("T", "2020-10-19T07:30:46Z"), true),
                match("month", "s: {T|month: 10}\ncondition: s", event("T", "2020-10-19T07:30:46Z"), true),
                match("year", "s: {T|year: 2020}\ncondition: s", event("T", "2020-10-19T07:30:46Z"), true),
                // values
                match("number equals string", "s: {EventID: 4624}\ncondition: s", event("EventID", "4624"), true),
                match("string equals number", "s: {EventID: '4624'}\ncondition: s", event("EventID", 4624L), true),
                match("number not substring", "s: {EventID: 150}\ncondition: s", event("EventID", 1500L), false),
                match("hex stays text", "s: {F: 0x17}\ncondition: s", event("F", "0x17"), true),
                match("hex is not decimal", "s: {F: 0x17}\ncondition: s", event("F", 23L), false),
                match("bool", "s: {F: true}\ncondition: s", event("F", true), true),
                match("bool text", "s: {F: true}\ncondition: s", event("F", "True"), true),
                match("null absent", "s: {F: null}\ncondition: s", event("G", "x"), true),
                match("null json null", "s: {F: null}\ncondition: s", event("F", NULL), true),
                match("null empty", "s: {F: null}\ncondition: s", event("F", ""), false),
                match("empty string present", "s: {F: ''}\ncondition: s", event("F", ""), true),
                match("empty string absent", "s: {F: ''}\ncondition: s", event("G", ""), false),
                match("empty string null", "s: {F: ''}\ncondition: s", event("F", NULL), false),
                match("array any element", "s: {tags|contains: tier0}\ncondition: s",
                        event("tags", List.of("dc", "tier0-assets")), true),
                match("array no element", "s: {tags|contains: tier0}\ncondition: s",
                        event("tags", List.of()), false),
                match("dotted nested", "s: {winlog.event_id: 4624}\ncondition: s",
                        event("winlog", map("event_id", 4624L)), true),
                match("dotted literal key", "s: {a.b: x}\ncondition: s", event("a.b", "x"), true),
                match("dotted nested before literal", "s: {a.b: x}\ncondition: s",
                        event("a.b", "y", "a", map("b", "x")), true),
                match("field name case", "s: {TargetFileName|endswith: '.ps1'}\ncondition: s",
                        event("TargetFilename", "a.PS1"), true),
                match("missing field fails", "s: {F: x}\ncondition: s", event("G", "x"), false),
                match("not of missing field", "s: {F: x}\ncondition: not s", event("G", "x"), true),
                // keywords
                match("keyword substring", "k: [evil]\ncondition: k", event("A", "an EVIL thing"), true),
                match("keyword any field", "k: [evil, bad]\ncondition: k", event("A", "x", "B", "bad"), true),
                match("keyword nested value", "k: [evil]\ncondition: k",
                        event("A", map("b", List.of("evil"))), true),
                match("keyword none", "k: [evil]\ncondition: k", event("A", "good"), false),
                match("keyword number", "k: [4624]\ncondition: k", event("A", 14624L), true),
                match("keyword all", "k: {'|all': [a1, b2]}\ncondition: k", event("A", "a1", "B", "b2"), true),
                match("keyword all one", "k: {'|all': [a1, b2]}\ncondition: k", event("A", "a1"), false),
                match("keyword wildcard", "k: ['foo*bar']\ncondition: k", event("A", "xfooYbarx"), true),
                // structure
                match("map is and", "s: {A: x, B: y}\ncondition: s", event("A", "x", "B", "z"), false),
                match("list of maps is or", "s:\n  - {A: x}\n  - {B: y}\ncondition: s",
                        event("B", "y"), true),
                match("not of two-field map", "f: {A: x, B: y}\ncondition: not f",
                        event("A", "x"), true),
                match("condition list is or", "a: {A: x}\nb: {B: y}\ncondition: [a, b]",
                        event("B", "y"), true),
                match("all of them", "a: {A: x}\nb: {B: y}\n_c: {C: z}\ncondition: all of them",
                        event("A", "x", "B", "y"), true),
                match("one of pattern", "sel_a: {A: x}\nsel_b: {B: y}\ncondition: 1 of sel_*",
                        event("B", "y"), true)));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void compiledEngineMatches(String name, String detection, Event event, boolean expected) {
        SigmaRule rule = rule(detection);
        Matcher matcher = RuleCompiler.compile(rule);
        assertThat(matcher.matches(event, FieldResolver.DIRECT)).as(matcher.dump()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void interpreterAgrees(String name, String detection, Event event, boolean expected) {
        SigmaRule rule = rule(detection);
        assertThat(Interpreter.matches(rule, event, FieldResolver.DIRECT)).isEqualTo(expected);
    }
}
