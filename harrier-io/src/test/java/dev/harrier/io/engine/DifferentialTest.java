package dev.harrier.io.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.harrier.core.engine.CompiledRuleSet;
import dev.harrier.core.engine.FieldResolver;
import dev.harrier.core.engine.Interpreter;
import dev.harrier.core.engine.Matcher;
import dev.harrier.core.engine.RuleCompiler;
import dev.harrier.core.event.Event;
import dev.harrier.core.load.RuleLoader;
import dev.harrier.core.profile.ProfileSet;
import dev.harrier.core.profile.SourceProfile;
import dev.harrier.core.rule.SigmaRule;
import dev.harrier.io.Inputs;
import dev.harrier.io.ReadProblem;
import dev.harrier.io.RecordSink;
import dev.harrier.io.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Holds the compiled engine to the plain interpreter: every bundled rule that a profile of the
 * event serves, on every event of the SigmaHQ regression data, the PsExec samples and one folder
 * of the EVTX attack samples, under that profile's field mapping. The rule set's literal prefilter
 * must not change which rules match either.
 */
class DifferentialTest {
    @Test
    void compiledEngineAgreesWithInterpreter() {
        Path repository = Path.of(System.getProperty("harrier.repo.root", ".."));
        Path rulesDir = repository.resolve("rules/sigma");
        assumeTrue(Files.isDirectory(rulesDir), "bundled rules not found: " + rulesDir);
        List<Path> inputs = List.of(
                SharedData.require("data/sigma/regression_data"),
                repository.resolve("samples"),
                SharedData.require("data/evtx/EVTX-ATTACK-SAMPLES/Lateral Movement"));

        List<SigmaRule> rules = new RuleLoader().load(List.of(rulesDir)).rules();
        Map<SigmaRule, Matcher> compiled = new LinkedHashMap<>();
        for (SigmaRule rule : rules) {
            compiled.put(rule, RuleCompiler.compile(rule));
        }
        ProfileSet profiles = ProfileSet.bundled();
        List<Event> events = new ArrayList<>();
        for (Path input : inputs) {
            new Inputs().read(input, new RecordSink() {
                @Override
                public void record(Event event, String locator) {
                    events.add(event);
                }

                @Override
                public void unreadable(ReadProblem problem) {}
            }, file -> { });
        }
        assertThat(events).hasSizeGreaterThan(1000);

        CompiledRuleSet ruleSet = CompiledRuleSet.compile(rules, profiles, false);
        long comparisons = 0;
        long matches = 0;
        List<String> disagreements = new ArrayList<>();
        for (Event event : events) {
            Set<String> expected = new TreeSet<>();
            Set<String> prefiltered = new TreeSet<>();
            ruleSet.match(event).forEach(m -> prefiltered.add(m.rule().title()));
            for (SourceProfile profile : profiles.profilesFor(event)) {
                FieldResolver resolver = profile.resolver();
                for (Map.Entry<SigmaRule, Matcher> entry : compiled.entrySet()) {
                    if (!profile.serves(entry.getKey().logSource())) {
                        continue;
                    }
                    boolean fast = entry.getValue().matches(event, resolver);
                    boolean reference = Interpreter.matches(entry.getKey(), event, resolver);
                    comparisons++;
                    matches += fast ? 1 : 0;
                    if (fast) {
                        expected.add(entry.getKey().title());
                    }
                    if (fast != reference && disagreements.size() < 20) {
                        disagreements.add(entry.getKey().title() + " on " + event.recordId());
                    }
                }
            }
            if (!expected.equals(prefiltered) && disagreements.size() < 20) {
                disagreements.add("literal prefilter on " + event.recordId() + ": " + expected
                        + " vs " + prefiltered);
            }
        }
        assertThat(disagreements).isEmpty();
        assertThat(comparisons).isGreaterThan(100_000);
        assertThat(matches).isGreaterThan(200);
    }
}
