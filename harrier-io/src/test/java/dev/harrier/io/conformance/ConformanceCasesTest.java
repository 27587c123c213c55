package dev.harrier.io.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.harrier.core.correlation.CorrelationEngine;
import dev.harrier.core.correlation.CorrelationMatch;
import dev.harrier.core.engine.CompiledRuleSet;
import dev.harrier.core.engine.RuleMatch;
import dev.harrier.core.engine.FieldResolver;
import dev.harrier.core.engine.Interpreter;
import dev.harrier.core.event.Event;
import dev.harrier.core.load.RuleLoader;
import dev.harrier.core.profile.ProfileSet;
import dev.harrier.core.rule.SigmaRule;
import dev.harrier.io.CollectingSink;
import dev.harrier.io.SharedData;
import dev.harrier.io.json.JsonRecordReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs the evaluation cases of the conformance case bank: each case is a rule, events (one JSON
 * object per line) and the expected verdict per event, or a load error the rule must raise. Cases
 * run with log sources ignored, except the one that tests the log-source filter itself.
 */
class ConformanceCasesTest {
    /** The case that checks that a rule is matched only against events of its own log source. */
    private static final String LOGSOURCE_CASE = "CB-56";

    static Stream<Path> cases() throws IOException {
        Path root = SharedData.require("conformance/cases");
        try (Stream<Path> dirs = Files.list(root)) {
            return dirs.filter(Files::isDirectory).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void caseHolds(Path dir) throws IOException {
        String expected = Files.readString(dir.resolve("expected.txt")).strip();
        RuleLoader.LoadResult loaded = new RuleLoader().load(List.of(dir.resolve("rule.yml")));

        if (expected.startsWith("error:")) {
            assertThat(loaded.rules()).as("rules loaded although the case expects: " + expected)
                    .isEmpty();
            assertThat(loaded.errors()).isNotEmpty();
            return;
        }
        if (expected.startsWith("correlation:")) {
            checkCorrelation(dir, loaded, expected);
            return;
        }
        assumeTrue(Files.exists(dir.resolve("event.json")),
                "EVTX file case: runs in the EVTX reader's suite");

        assertThat(loaded.errors()).as("load errors").isEmpty();
        assertThat(loaded.rules()).hasSize(1);
        SigmaRule rule = loaded.rules().get(0);
        List<Event> events = readEvents(dir.resolve("event.json"));
        List<String> verdicts = expected.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        assertThat(events).as("events").hasSize(verdicts.size());

        boolean ignoreLogSource = !dir.getFileName().toString().equals(LOGSOURCE_CASE);
        CompiledRuleSet ruleSet = CompiledRuleSet.compile(List.of(rule), ProfileSet.bundled(),
                ignoreLogSource);
        for (int i = 0; i < events.size(); i++) {
            boolean expectMatch = verdicts.get(i).equals("match");
            Event event = events.get(i);
            assertThat(!ruleSet.match(event).isEmpty()).as("event %d: %s", i + 1, event)
                    .isEqualTo(expectMatch);
            if (ignoreLogSource) {
                assertThat(Interpreter.matches(rule, event, FieldResolver.DIRECT))
                        .as("interpreter, event %d", i + 1).isEqualTo(expectMatch);
            }
        }
    }

    /** Lines such as {@code correlation: no alert for Computer=HOST02 (...)}. */
    private static final Pattern CORRELATION_LINE = Pattern.compile(
            "correlation: (no|one|exactly one) alert for (\\w+)=(\\S+).*");

    private static void checkCorrelation(Path dir, RuleLoader.LoadResult loaded, String expected) {
        assertThat(loaded.errors()).as("load errors").isEmpty();
        List<Event> events = readEvents(dir.resolve("event.json"));
        CompiledRuleSet ruleSet = CompiledRuleSet.compile(loaded.rules(), ProfileSet.bundled(), true);
        CorrelationEngine engine = new CorrelationEngine(loaded.correlations(), loaded.rules(), 1000);
        for (int i = 0; i < events.size(); i++) {
            for (RuleMatch match : ruleSet.match(events.get(i))) {
                engine.accept(match, FieldResolver.DIRECT, dir.toString(), "line:" + (i + 1));
            }
        }
        List<CorrelationMatch> alerts = engine.finish();
        for (String line : expected.lines().toList()) {
            Matcher matcher = CORRELATION_LINE.matcher(line.strip());
            assertThat(matcher.matches()).as("expectation format: " + line).isTrue();
            long count = alerts.stream()
                    .filter(a -> matcher.group(3).equals(String.valueOf(a.group().get(matcher.group(2)))))
                    .count();
            assertThat(count).as(line).isEqualTo(matcher.group(1).equals("no") ? 0 : 1);
        }
    }

    private static List<Event> readEvents(Path file) {
        CollectingSink sink = new CollectingSink();
        new JsonRecordReader().read(file, sink);
        assertThat(sink.problems).as("problems reading " + file).isEmpty();
        return new ArrayList<>(sink.events);
    }
}
