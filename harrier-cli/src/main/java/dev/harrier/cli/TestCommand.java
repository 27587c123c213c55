package dev.harrier.cli;

import dev.harrier.core.correlation.CorrelationEngine;
import dev.harrier.core.correlation.CorrelationMatch;
import dev.harrier.core.engine.CompiledRuleSet;
import dev.harrier.core.engine.FieldResolver;
import dev.harrier.core.engine.RuleMatch;
import dev.harrier.core.event.Event;
import dev.harrier.core.load.RuleLoader;
import dev.harrier.core.profile.ProfileSet;
import dev.harrier.core.rule.SigmaRule;
import dev.harrier.io.Inputs;
import dev.harrier.io.ReadProblem;
import dev.harrier.io.RecordSink;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code harrier test}: runs rule regression tests and rule fixtures, and prints pass or fail. */
@Command(
        name = "test",
        mixinStandardHelpOptions = true,
        description = {
            "Runs the rule tests found under each PATH and prints a pass/fail table.",
            "Two kinds of test are found:",
            "- SigmaHQ regression tests: an info.yml naming a rule id and an EVTX file (with its"
                    + " JSON twin beside it); the rule must match each at least match_count times.",
            "- Rule fixtures: a folder with rule.yml, event.json (one JSON event per line) and"
                    + " expected.txt (one 'match' or 'no-match' per event, 'error: ...' when the"
                    + " rule must be rejected, or 'correlation: [no|one] alert for FIELD=VALUE'"
                    + " lines). Events that no source profile recognises are tested with log"
                    + " sources ignored.",
            "Exit status: 0 when every test passed; 1 when any failed or no test was found; 2 for"
                    + " an invalid option."
        })
public final class TestCommand implements Callable<Integer> {
    @Parameters(paramLabel = "PATH", arity = "1..*", description = "Folders holding tests.")
    List<Path> paths;

    @Option(names = "--rules", paramLabel = "PATH",
            description = "Rules for the regression tests; repeatable. Default: the bundled rules.")
    List<Path> rules = new ArrayList<>();

    @Option(names = "--placeholders", paramLabel = "FILE",
            description = "YAML file of placeholder values for the 'expand' modifier.")
    Path placeholders;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    private static final Pattern CORRELATION_LINE = Pattern.compile(
            "correlation: (no|one|exactly one) alerts? for (\\w+)=(\\S+).*");

    /** Outcome of one test. */
    enum Status {
        PASS,
        FAIL,
        SKIP
    }

    private final ProfileSet profiles = ProfileSet.bundled();
    private Map<String, SigmaRule> rulesById;
    private int passed;
    private int failed;
    private int skipped;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        for (Path root : paths) {
            if (!Files.exists(root)) {
                report(out, Status.FAIL, root.toString(), "path not found");
                continue;
            }
            List<Path> infos = new ArrayList<>();
            List<Path> fixtures = new ArrayList<>();
            try (Stream<Path> walk = Files.walk(root)) {
                for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
                    String name = file.getFileName().toString();
                    if (name.equals("info.yml")) {
                        infos.add(file);
                    } else if (name.equals("rule.yml")) {
                        fixtures.add(file.getParent());
                    }
                }
            }
            for (Path info : infos) {
                runRegression(out, info);
            }
            for (Path fixture : fixtures) {
                runFixture(out, fixture);
            }
        }
        if (passed + failed + skipped == 0) {
            out.println("no tests found under " + paths
                    + ": expected info.yml files or folders with rule.yml and expected.txt");
            out.flush();
            return 1;
        }
        out.println(passed + " passed, " + failed + " failed, " + skipped + " skipped");
        out.flush();
        return failed > 0 ? 1 : 0;
    }

    private void report(PrintWriter out, Status status, String name, String detail) {
        switch (status) {
            case PASS:
                passed++;
                break;
            case FAIL:
                failed++;
                break;
            default:
                skipped++;
        }
        out.println(String.format("%-4s  %s%s", status, name, detail.isEmpty() ? "" : "  (" + detail + ")"));
        out.flush();
    }

    private Map<String, SigmaRule> rulesById() {
        if (rulesById == null) {
            List<Path> rulePaths = rules.isEmpty() ? List.of(CliSupport.bundledRules(spec)) : rules;
            RuleLoader.LoadResult loaded = new RuleLoader(
                    CliSupport.loadPlaceholders(spec, placeholders)).load(rulePaths);
            rulesById = new HashMap<>();
            for (SigmaRule rule : loaded.rules()) {
                if (rule.id() != null) {
                    rulesById.put(rule.id(), rule);
                }
            }
        }
        return rulesById;
    }

    @SuppressWarnings("unchecked")
    private void runRegression(PrintWriter out, Path info) throws IOException {
        Map<String, Object> document;
        try (Reader reader = Files.newBufferedReader(info, StandardCharsets.UTF_8)) {
            Object root = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
            document = root instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
        } catch (RuntimeException e) {
            report(out, Status.FAIL, info.toString(), "invalid info.yml: " + e.getMessage());
            return;
        }
        List<Map<String, Object>> metadata = (List<Map<String, Object>>) document.getOrDefault(
                "rule_metadata", List.of());
        List<Map<String, Object>> tests = (List<Map<String, Object>>) document.getOrDefault(
                "regression_tests_info", List.of());
        if (metadata.isEmpty() || tests == null || tests.isEmpty()) {
            report(out, Status.SKIP, info.toString(), "no rule or no tests listed");
            return;
        }
        String ruleId = String.valueOf(metadata.get(0).get("id"));
        SigmaRule rule = rulesById().get(ruleId);
        String title = String.valueOf(metadata.get(0).get("title"));
        if (rule == null) {
            report(out, Status.FAIL, title, "rule " + ruleId + " not loaded");
            return;
        }
        CompiledRuleSet ruleSet = CompiledRuleSet.compile(List.of(rule), profiles, false);
        for (Map<String, Object> test : tests) {
            Object count = test.get("match_count");
            int minimum = count instanceof Number number ? number.intValue() : 1;
            String fileName = Path.of(String.valueOf(test.get("path"))).getFileName().toString();
            Path evtx = info.resolveSibling(fileName);
            Path json = info.resolveSibling(fileName.replaceAll("\\.evtx$", ".json"));
            for (Path data : List.of(evtx, json)) {
                String name = title + " [" + data.getFileName() + "]";
                if (!Files.exists(data)) {
                    report(out, Status.FAIL, name, "file not found");
                    continue;
                }
                long[] matches = {0};
                List<String> problems = new ArrayList<>();
                new Inputs().read(data, new RecordSink() {
                    @Override
                    public void record(Event event, String locator) {
                        matches[0] += ruleSet.match(event).size();
                    }

                    @Override
                    public void unreadable(ReadProblem problem) {
                        problems.add(problem.toString());
                    }
                }, file -> { });
                boolean pass = matches[0] >= minimum;
                report(out, pass ? Status.PASS : Status.FAIL, name, matches[0] + " matches, expected"
                        + " at least " + minimum + (problems.isEmpty() ? "" : "; " + problems.get(0)));
            }
        }
    }

    private void runFixture(PrintWriter out, Path dir) throws IOException {
        String name = dir.toString();
        if (!Files.exists(dir.resolve("expected.txt"))) {
            report(out, Status.FAIL, name, "rule.yml without expected.txt: add one 'match' or"
                    + " 'no-match' line per event");
            return;
        }
        String expected = Files.readString(dir.resolve("expected.txt")).strip();
        RuleLoader.LoadResult loaded = new RuleLoader(CliSupport.loadPlaceholders(spec, placeholders))
                .load(List.of(dir.resolve("rule.yml")));
        if (expected.startsWith("error:")) {
            boolean rejected = loaded.rules().isEmpty() && loaded.correlations().isEmpty()
                    && !loaded.errors().isEmpty();
            report(out, rejected ? Status.PASS : Status.FAIL, name, rejected
                    ? "rejected: " + loaded.errors().get(0).message() : "rule loaded but must be rejected");
            return;
        }
        if (!loaded.errors().isEmpty()) {
            report(out, Status.FAIL, name, "load error: " + loaded.errors().get(0));
            return;
        }
        Path events = dir.resolve("event.json");
        if (!Files.exists(events)) {
            report(out, Status.SKIP, name, "no event.json: not a rule fixture");
            return;
        }
        List<Event> read = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        new Inputs().read(events, new RecordSink() {
            @Override
            public void record(Event event, String locator) {
                read.add(event);
            }

            @Override
            public void unreadable(ReadProblem problem) {
                problems.add(problem.toString());
            }
        }, file -> { });
        if (!problems.isEmpty()) {
            report(out, Status.FAIL, name, problems.get(0));
            return;
        }
        CompiledRuleSet bySource = CompiledRuleSet.compile(loaded.rules(), profiles, false);
        CompiledRuleSet direct = CompiledRuleSet.compile(loaded.rules(), profiles, true);
        if (expected.startsWith("correlation:")) {
            runCorrelationFixture(out, name, loaded, read, bySource, direct, expected);
            return;
        }
        List<String> verdicts = expected.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        for (String verdict : verdicts) {
            if (!verdict.equals("match") && !verdict.equals("no-match")) {
                report(out, Status.FAIL, name, "invalid verdict in expected.txt: '" + verdict
                        + "'; use match or no-match");
                return;
            }
        }
        if (verdicts.size() != read.size()) {
            report(out, Status.FAIL, name, read.size() + " events but " + verdicts.size() + " verdicts");
            return;
        }
        for (int i = 0; i < read.size(); i++) {
            boolean matched = !matches(read.get(i), bySource, direct).isEmpty();
            boolean expectMatch = verdicts.get(i).equals("match");
            if (matched != expectMatch) {
                report(out, Status.FAIL, name, "event " + (i + 1) + ": expected " + verdicts.get(i)
                        + ", got " + (matched ? "match" : "no-match"));
                return;
            }
        }
        report(out, Status.PASS, name, read.size() + " events");
    }

    /** Uses the source profiles when one recognises the event, else looks names up as written. */
    private static List<RuleMatch> matches(Event event, CompiledRuleSet bySource, CompiledRuleSet direct) {
        return bySource.profilesFor(event).isEmpty() ? direct.match(event) : bySource.match(event);
    }

    private void runCorrelationFixture(PrintWriter out, String name, RuleLoader.LoadResult loaded,
            List<Event> events, CompiledRuleSet bySource, CompiledRuleSet direct, String expected) {
        CorrelationEngine engine = new CorrelationEngine(loaded.correlations(), loaded.rules(),
                CorrelationEngine.DEFAULT_STATE_CAP);
        for (int i = 0; i < events.size(); i++) {
            for (RuleMatch match : matches(events.get(i), bySource, direct)) {
                FieldResolver resolver = match.profile() == null ? FieldResolver.DIRECT
                        : bySource.resolver(match.profile());
                engine.accept(match, resolver, name, "line:" + (i + 1));
            }
        }
        List<CorrelationMatch> alerts = engine.finish();
        for (String line : expected.lines().map(String::strip).filter(l -> !l.isEmpty()).toList()) {
            Matcher matcher = CORRELATION_LINE.matcher(line);
            if (!matcher.matches()) {
                report(out, Status.FAIL, name, "cannot read expectation: " + line);
                return;
            }
            long count = alerts.stream().filter(a -> matcher.group(3)
                    .equals(String.valueOf(a.group().get(matcher.group(2))))).count();
            long wanted = matcher.group(1).equals("no") ? 0 : 1;
            if (count != wanted) {
                report(out, Status.FAIL, name, line + ": got " + count + " alerts");
                return;
            }
        }
        report(out, Status.PASS, name, alerts.size() + " correlation alerts");
    }
}
