package dev.harrier.cli;

import dev.harrier.core.correlation.CorrelationEngine;
import dev.harrier.core.correlation.CorrelationMatch;
import dev.harrier.core.engine.CompiledRuleSet;
import dev.harrier.core.engine.FilterApplier;
import dev.harrier.core.engine.FieldResolver;
import dev.harrier.core.engine.RuleMatch;
import dev.harrier.core.event.Event;
import dev.harrier.core.load.LoadProblem;
import dev.harrier.core.load.RuleLoader;
import dev.harrier.core.profile.ProfileSet;
import dev.harrier.core.rule.SigmaFilter;
import dev.harrier.core.rule.SigmaLevel;
import dev.harrier.core.rule.SigmaRule;
import dev.harrier.core.value.Placeholders;
import dev.harrier.io.Inputs;
import dev.harrier.io.ReadProblem;
import dev.harrier.io.RecordSink;
import dev.harrier.io.output.MatchRecord;
import dev.harrier.io.output.MatchWriter;
import dev.harrier.io.output.Printable;
import dev.harrier.io.output.RunSummary;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code harrier hunt}: evaluates Sigma rules over log files and prints the matches. */
@Command(
        name = "hunt",
        mixinStandardHelpOptions = true,
        description = {
            "Evaluates Sigma rules over EVTX files, JSON, CSV and XML exports, USN journals and"
                    + " $MFT files (directories are searched recursively; .zip and .gz are read"
                    + " in place).",
            "Exit status: 0 when the run completed, with or without matches; 1 when no input"
                    + " could be read; 2 for an invalid option."
        })
public final class HuntCommand implements Callable<Integer> {

    /** Output formats. */
    enum Format {
        table,
        jsonl,
        csv
    }

    @Parameters(paramLabel = "PATH", arity = "1..*", description = "Log files or directories to hunt in.")
    List<Path> inputs;

    @Option(names = "--rules", paramLabel = "PATH",
            description = "Sigma rule file or directory; repeatable. Default: the bundled SigmaHQ rules.")
    List<Path> rules = new ArrayList<>();

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "Write matches to FILE (written atomically) instead of standard output.")
    Path output;

    @Option(names = "--min-level", paramLabel = "LEVEL",
            description = "Report only matches of this level or higher: informational, low,"
                    + " medium, high, critical. Lower rules still run when a correlation uses"
                    + " them.")
    String minLevel;

    @Option(names = "--ignore-logsource",
            description = "Apply every rule to every event, with field names looked up as written.")
    boolean ignoreLogSource;

    @Option(names = "--placeholders", paramLabel = "FILE",
            description = "YAML file of placeholder values for the 'expand' modifier"
                    + " (name: [value, ...]).")
    Path placeholders;

    @Option(names = "--profiles", paramLabel = "FILE",
            description = "YAML file of extra source profiles; a profile replaces a bundled one of"
                    + " the same name.")
    List<Path> profileFiles = new ArrayList<>();

    @Option(names = "--filters", paramLabel = "PATH",
            description = "Sigma filter file or directory; repeatable. Filters found among the rules"
                    + " apply too.")
    List<Path> filterPaths = new ArrayList<>();

    @Option(names = "--correlation-state-cap", paramLabel = "N",
            defaultValue = "" + CorrelationEngine.DEFAULT_STATE_CAP,
            description = "Maximum number of events held for correlation rules (default:"
                    + " ${DEFAULT-VALUE}); past it, further events are dropped with a warning.")
    int correlationStateCap;

    @Option(names = "--mft", paramLabel = "FILE",
            description = "The volume's $MFT, to resolve USN journal ($J) entries to full paths."
                    + " Default: an $MFT found in the same folder as the journal.")
    Path mft;

    @Option(names = "--threads", paramLabel = "N",
            description = "Threads that match events against rules (default: the number of"
                    + " processors). Output order does not depend on it.")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--quiet", description = "Do not list rejected rules and unreadable records.")
    boolean quiet;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        SigmaLevel minimum = null;
        if (minLevel != null) {
            minimum = SigmaLevel.parse(minLevel);
            if (minimum == null) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                        "invalid --min-level '" + minLevel
                                + "'; use informational, low, medium, high or critical");
            }
        }
        if (correlationStateCap < 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--correlation-state-cap must be at least 1, not " + correlationStateCap);
        }
        if (threads < 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--threads must be at least 1, not " + threads);
        }
        Placeholders placeholderValues = CliSupport.loadPlaceholders(spec, placeholders);
        ProfileSet profiles = CliSupport.loadProfiles(spec, profileFiles);
        List<Path> rulePaths = rules.isEmpty() ? List.of(CliSupport.bundledRules(spec)) : rules;
        for (Path path : rulePaths) {
            requireExists(path, "--rules");
        }
        for (Path path : filterPaths) {
            requireExists(path, "--filters");
        }

        RuleLoader loader = new RuleLoader(placeholderValues);
        RuleLoader.LoadResult loaded = loader.load(rulePaths);
        reportRuleProblems(err, loaded);
        List<SigmaFilter> filters = new ArrayList<>(loaded.filters());
        int rejected = loaded.rejected();
        if (!filterPaths.isEmpty()) {
            RuleLoader.LoadResult filterLoad = loader.load(filterPaths);
            reportRuleProblems(err, filterLoad);
            filters.addAll(filterLoad.filters());
            rejected += filterLoad.rejected();
            if (!filterLoad.rules().isEmpty() || !filterLoad.correlations().isEmpty()) {
                err.println("warning: --filters paths hold rules or correlations; only their"
                        + " filters are used");
            }
        }
        if (loaded.rules().isEmpty()) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "no rules loaded from " + rulePaths + "; check the --rules paths");
        }
        List<SigmaRule> filtered = FilterApplier.apply(loaded.rules(), filters);
        CorrelationEngine correlations = new CorrelationEngine(loaded.correlations(), filtered,
                correlationStateCap);
        // --min-level limits what is reported; a lower rule still runs when a correlation uses it.
        List<SigmaRule> selected = new ArrayList<>();
        for (SigmaRule rule : filtered) {
            if (atLeast(rule.level(), minimum) || correlations.references(rule)) {
                selected.add(rule);
            }
        }
        CompiledRuleSet ruleSet = CompiledRuleSet.compile(selected, profiles, ignoreLogSource);
        for (String unknown : correlations.unknownReferences()) {
            err.println("warning: a correlation references an unknown rule [" + unknown + "]");
        }

        Counts counts = new Counts();
        try (CliSupport.Output out = CliSupport.openOutput(spec, output)) {
            MatchWriter writer = CliSupport.writer(format.name(), out);
            Progress progress = new Progress(err, !quiet && System.console() != null);
            HuntSink sink = new HuntSink(ruleSet, correlations, writer, counts, err, progress,
                    minimum, threads);
            Inputs inputReader = new Inputs();
            if (mft != null) {
                if (!java.nio.file.Files.isRegularFile(mft)) {
                    throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                            "--mft file not found: " + mft);
                }
                inputReader.withMft(mft);
            }
            for (Path input : inputs) {
                inputReader.read(input, sink, file -> {
                    counts.files++;
                    sink.currentFile = file;
                    progress.file(file);
                });
            }
            sink.finish();
            progress.done();
            if (sink.failure != null) {
                throw sink.failure;
            }
            for (CorrelationMatch alert : correlations.finish()) {
                if (!atLeast(alert.rule().level(), minimum)) {
                    continue;
                }
                SigmaLevel level = alert.rule().level() == null ? SigmaLevel.INFORMATIONAL
                        : alert.rule().level();
                counts.matchesByLevel.merge(level, 1L, Long::sum);
                writer.writeCorrelation(alert);
            }
            if (correlations.droppedEvents() > 0) {
                err.println("warning: correlation state cap of " + correlationStateCap
                        + " events reached; " + correlations.droppedEvents() + " rule matches were"
                        + " not correlated (raise --correlation-state-cap)");
            }
            if (correlations.unplacedEvents() > 0 && !quiet) {
                err.println(correlations.unplacedEvents() + " rule matches took no part in"
                        + " correlations: no time or a group-by field missing");
            }
            RunSummary summary = new RunSummary(counts.files, counts.skipped, counts.records,
                    counts.unreadable, counts.problems, counts.matchesByLevel,
                    loaded.rules().size() + loaded.correlations().size() + filters.size(), rejected);
            writer.finish(summary);
            out.commit();
            if (format != Format.table || output != null) {
                err.print(summary.text());
                err.flush();
            }
        }
        boolean nothingRead = counts.records == 0 && (counts.problems > 0 || counts.skipped > 0);
        return nothingRead ? 1 : 0;
    }

    /** Returns true when {@code level} (informational when absent) is at least {@code minimum}. */
    static boolean atLeast(SigmaLevel level, SigmaLevel minimum) {
        SigmaLevel effective = level == null ? SigmaLevel.INFORMATIONAL : level;
        return minimum == null || effective.compareTo(minimum) >= 0;
    }

    private void requireExists(Path path, String option) {
        if (!java.nio.file.Files.exists(path)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    option + " path not found: " + path);
        }
    }

    private void reportRuleProblems(PrintWriter err, RuleLoader.LoadResult loaded) {
        int warnings = 0;
        for (LoadProblem problem : loaded.problems()) {
            if (problem.isError()) {
                if (!quiet) {
                    err.println("rule rejected: " + problem);
                }
            } else {
                warnings++;
            }
        }
        if (warnings > 0 && !quiet) {
            err.println(warnings + " rule warnings; run 'harrier check' to list them");
        }
        err.flush();
    }

    /** Maximum number of skipped files listed one by one; the summary counts the rest. */
    static final int MAX_SKIPPED_SHOWN = 10;

    /** Records matched per task on the thread pool. */
    static final int BATCH_SIZE = 256;

    /** Batches in flight before the reader waits, which bounds memory. */
    static final int MAX_PENDING_BATCHES = 16;

    /** Running totals of one hunt. */
    static final class Counts {
        int files;
        long records;
        long unreadable;
        int problems;
        int skipped;
        final Map<SigmaLevel, Long> matchesByLevel = new EnumMap<>(SigmaLevel.class);
    }

    /** Matches records on a thread pool and writes the matches in read order. */
    static final class HuntSink implements RecordSink {
        private final CompiledRuleSet ruleSet;
        private final CorrelationEngine correlations;
        private final MatchWriter writer;
        private final Counts counts;
        private final PrintWriter err;
        private final Progress progress;
        private final SigmaLevel minimum;
        private final ExecutorService pool;
        private final ArrayDeque<Pending> pending = new ArrayDeque<>();
        private List<Item> batch = new ArrayList<>(BATCH_SIZE);
        String currentFile = "";
        IOException failure;

        HuntSink(CompiledRuleSet ruleSet, CorrelationEngine correlations, MatchWriter writer,
                Counts counts, PrintWriter err, Progress progress, SigmaLevel minimum, int threads) {
            this.minimum = minimum;
            this.pool = Executors.newFixedThreadPool(threads, runnable -> {
                Thread thread = new Thread(runnable, "harrier-match");
                thread.setDaemon(true);
                return thread;
            });
            this.ruleSet = ruleSet;
            this.correlations = correlations;
            this.writer = writer;
            this.counts = counts;
            this.err = err;
            this.progress = progress;
        }

        @Override
        public void record(Event event, String locator) {
            counts.records++;
            progress.record();
            if (failure != null) {
                return;
            }
            batch.add(new Item(event, locator, currentFile));
            if (batch.size() >= BATCH_SIZE) {
                submitBatch();
            }
        }

        /** One read record waiting to be matched. */
        private record Item(Event event, String locator, String file) {}

        /** A batch of records being matched on the pool, in read order. */
        private record Pending(List<Item> items, Future<List<List<RuleMatch>>> matches) {}

        private void submitBatch() {
            if (batch.isEmpty()) {
                return;
            }
            List<Item> items = batch;
            batch = new ArrayList<>(BATCH_SIZE);
            pending.add(new Pending(items, pool.submit(() -> {
                List<List<RuleMatch>> results = new ArrayList<>(items.size());
                for (Item item : items) {
                    results.add(ruleSet.match(item.event()));
                }
                return results;
            })));
            while (pending.size() > MAX_PENDING_BATCHES) {
                writeOldestBatch();
            }
        }

        private void writeOldestBatch() {
            Pending oldest = pending.poll();
            List<List<RuleMatch>> results;
            try {
                results = oldest.matches().get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while matching", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("matching failed: " + e.getCause(), e.getCause());
            }
            for (int i = 0; i < results.size() && failure == null; i++) {
                Item item = oldest.items().get(i);
                report(item, results.get(i));
            }
        }

        /** Matches what is still buffered and writes every pending result, in read order. */
        void finish() {
            submitBatch();
            while (!pending.isEmpty()) {
                writeOldestBatch();
            }
            pool.shutdown();
        }

        private void report(Item item, List<RuleMatch> matches) {
            for (RuleMatch match : matches) {
                if (correlations.references(match.rule())) {
                    correlations.accept(match, ruleSet.resolver(match.profile()), item.file(),
                            item.locator());
                    if (!correlations.reportsOwnMatches(match.rule())) {
                        continue;
                    }
                }
                if (!atLeast(match.rule().level(), minimum)) {
                    continue;
                }
                SigmaLevel level = match.rule().level() == null ? SigmaLevel.INFORMATIONAL
                        : match.rule().level();
                counts.matchesByLevel.merge(level, 1L, Long::sum);
                try {
                    writer.write(new MatchRecord(match, item.file(), item.locator(), keyFields(match)));
                } catch (IOException e) {
                    failure = e;
                    return;
                }
            }
        }

        private Map<String, Object> keyFields(RuleMatch match) {
            FieldResolver resolver = ruleSet.resolver(match.profile());
            Map<String, Object> fields = new LinkedHashMap<>();
            for (String field : match.rule().detectionFields()) {
                Object value = resolver.resolve(match.event(), field);
                if (value != null) {
                    fields.put(field, value);
                }
            }
            return fields;
        }

        @Override
        public void skipped(String path, String reason) {
            counts.skipped++;
            if (counts.skipped <= MAX_SKIPPED_SHOWN) {
                progress.clear();
                err.println("skipped: " + Printable.of(path) + ": " + reason);
                err.flush();
            }
        }

        @Override
        public void unreadable(ReadProblem problem) {
            counts.problems++;
            counts.unreadable += problem.lostRecords();
            progress.clear();
            err.println("unreadable: " + Printable.of(problem.toString()));
            err.flush();
        }
    }
}
