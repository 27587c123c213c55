package dev.harrier.io.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.harrier.core.engine.CompiledRuleSet;
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
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs the evaluation cases of the conformance case bank: each case is a rule, events (one JSON
 * object per line) and the expected verdict per event, or a load error the rule must raise. Cases
 * run with log sources ignored, except the one that tests the log-source filter itself.
 */
class ConformanceCasesTest {
    /** The case that checks that a rule only sees events of its own log source. */
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
        assumeTrue(!expected.startsWith("correlation:"),
                "correlation case: runs in the correlation engine's suite");
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

    private static List<Event> readEvents(Path file) {
        CollectingSink sink = new CollectingSink();
        new JsonRecordReader().read(file, sink);
        assertThat(sink.problems).as("problems reading " + file).isEmpty();
        return new ArrayList<>(sink.events);
    }
}
