package dev.harrier.cli;

import dev.harrier.core.engine.FilterApplier;
import dev.harrier.core.load.LoadProblem;
import dev.harrier.core.load.RuleLoader;
import dev.harrier.core.rule.SigmaCorrelationRule;
import dev.harrier.core.rule.SigmaFilter;
import dev.harrier.core.rule.SigmaRule;
import dev.harrier.core.rule.SigmaRuleException;
import dev.harrier.io.output.AtomicFileOutput;
import dev.harrier.kql.AnalyticsRule;
import dev.harrier.kql.KqlConverter;
import dev.harrier.kql.KqlQuery;
import dev.harrier.kql.RuleDocuments;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code harrier convert}: converts Sigma rules to KQL for Microsoft Sentinel or Defender XDR. */
@Command(
        name = "convert",
        mixinStandardHelpOptions = true,
        description = {
            "Converts Sigma rules to KQL for Microsoft Sentinel and Defender XDR.",
            "Exit status: 0 when every rule converted (or was skipped with --skip-unsupported);"
                    + " 1 when a rule failed to load or convert; 2 for an invalid option."
        })
public final class ConvertCommand implements Callable<Integer> {

    /** Output formats. */
    enum Format {
        query,
        analytics_rule,
        arm
    }

    @Parameters(paramLabel = "RULES", arity = "1..*",
            description = "Sigma rule files or directories (searched recursively).")
    List<Path> rules;

    @Option(names = {"-t", "--target"}, required = true, paramLabel = "TARGET",
            description = "Target: sentinel-asim, defender-xdr, sentinel-sysmon, sentinel-security"
                    + " or kql (the bare predicate with Sigma field names).")
    String target;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "query",
            converter = FormatConverter.class,
            description = "Output: query, analytics-rule (Azure-Sentinel YAML) or arm (ARM"
                    + " template) (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR",
            description = "Write one file per rule into DIR (each written atomically) instead of"
                    + " standard output.")
    Path output;

    @Option(names = "--skip-unsupported",
            description = "Report rules the target cannot express on standard error and convert"
                    + " the rest, with exit status 0.")
    boolean skipUnsupported;

    @Option(names = "--filters", paramLabel = "PATH",
            description = "Sigma filter file or directory; repeatable. Filters among RULES apply"
                    + " too; each adds its condition to the rules it names with 'and'.")
    List<Path> filterPaths = new ArrayList<>();

    @Option(names = "--placeholders", paramLabel = "FILE",
            description = "YAML file of placeholder values for the 'expand' modifier"
                    + " (name: [value, ...]).")
    Path placeholders;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        KqlConverter converter;
        try {
            converter = KqlConverter.forTarget(target);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        if (format != Format.query && converter.target().bare()) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "target kql emits only a predicate; use --format query");
        }

        PrintStream err = System.err;
        RuleLoader loader = new RuleLoader(CliSupport.loadPlaceholders(spec, placeholders));
        RuleLoader.LoadResult loaded = loader.load(rules);
        int failures = reportErrors(err, loaded);
        List<SigmaFilter> filters = new ArrayList<>(loaded.filters());
        if (!filterPaths.isEmpty()) {
            RuleLoader.LoadResult filterLoad = loader.load(filterPaths);
            failures += reportErrors(err, filterLoad);
            filters.addAll(filterLoad.filters());
            if (!filterLoad.rules().isEmpty() || !filterLoad.correlations().isEmpty()) {
                err.println("warning: --filters paths hold rules or correlations; only their"
                        + " filters are used");
            }
        }
        List<SigmaRule> filtered = FilterApplier.apply(loaded.rules(), filters);

        List<Object> items = new ArrayList<>();
        for (SigmaRule rule : filtered) {
            if (!onlyCorrelated(rule, loaded.correlations())) {
                items.add(rule);
            }
        }
        items.addAll(loaded.correlations());
        failures += convertAll(converter, items, filtered, err);
        return failures == 0 ? 0 : 1;
    }

    /**
     * Converts each rule or correlation and writes the documents, returning how many failed. A
     * rule the target cannot express counts only without {@code --skip-unsupported}.
     */
    private int convertAll(KqlConverter converter, List<Object> items, List<SigmaRule> rules,
            PrintStream err) throws IOException {
        if (output != null) {
            if (Files.exists(output) && !Files.isDirectory(output)) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--output " + output + " is a file; give a directory");
            }
            Files.createDirectories(output);
        }
        usedNames.clear();
        int failures = 0;
        List<String> documents = new ArrayList<>();
        for (Object item : items) {
            KqlQuery query;
            String document;
            try {
                query = item instanceof SigmaRule rule
                        ? converter.convert(rule)
                        : converter.convertCorrelation((SigmaCorrelationRule) item, rules);
                document = render(converter, query);
            } catch (SigmaRuleException e) {
                err.println((skipUnsupported ? "skipped: " : "error: ") + e);
                if (!skipUnsupported) {
                    failures++;
                }
                continue;
            } catch (IllegalArgumentException e) {
                err.println("error: " + e.getMessage());
                failures++;
                continue;
            }

            for (String warning : query.warnings()) {
                err.println("warning: " + query.location() + ": " + warning);
            }
            if (output != null) {
                write(output.resolve(fileName(query)), document);
            } else {
                documents.add(document);
            }
        }

        if (output == null) {
            String separator = format == Format.query ? "\n" : "---\n";
            System.out.print(String.join(format == Format.arm ? "\n" : separator, documents));
            System.out.flush();
        }
        return failures;
    }

    /**
     * Returns whether a correlation uses the rule without {@code generate}, in which case Sigma
     * reports no matches of the rule on its own.
     */
    private static boolean onlyCorrelated(SigmaRule rule, List<SigmaCorrelationRule> correlations) {
        boolean referenced = false;
        for (SigmaCorrelationRule correlation : correlations) {
            for (String reference : correlation.rules()) {
                if (reference.equals(rule.id()) || reference.equals(rule.name())) {
                    if (correlation.generate()) {
                        return false;
                    }
                    referenced = true;
                }
            }
        }
        return referenced;
    }

    private static int reportErrors(PrintStream err, RuleLoader.LoadResult loaded) {
        for (LoadProblem problem : loaded.errors()) {
            err.println("error: " + problem);
        }
        return loaded.errors().size();
    }

    private String render(KqlConverter converter, KqlQuery query) {
        switch (format) {
            case analytics_rule:
                return RuleDocuments.yaml(AnalyticsRule.of(query, converter.target()));
            case arm:
                return RuleDocuments.armTemplate(AnalyticsRule.of(query, converter.target()));
            default:
                return "// " + query.title() + (query.id() == null ? "" : " (" + query.id() + ")")
                        + "\n" + query.text() + "\n";
        }
    }

    /** Lower-case names already written in this run, so that no two rules share a file. */
    private final java.util.Set<String> usedNames = new java.util.HashSet<>();

    /**
     * Returns the rule's file name: its id, else its title with every character other than a
     * letter, digit, dot, dash or underscore replaced and no leading dot. A name an earlier rule
     * of this run took gets a number; names are compared ignoring case, as Windows and macOS do.
     */
    private String fileName(KqlQuery query) {
        String base = query.id() != null ? query.id()
                : query.title().replaceAll("[^A-Za-z0-9._-]+", "_").replaceAll("^[.]+", "_");
        String extension;
        switch (format) {
            case analytics_rule:
                extension = ".yaml";
                break;
            case arm:
                extension = ".json";
                break;
            default:
                extension = ".kql";
        }
        String name = base + extension;
        for (int n = 2; !usedNames.add(name.toLowerCase(java.util.Locale.ROOT)); n++) {
            name = base + "-" + n + extension;
        }
        return name;
    }

    private static void write(Path file, String text) throws IOException {
        try (AtomicFileOutput out = new AtomicFileOutput(file)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
            out.commit();
        }
    }

    /** Accepts {@code analytics-rule} as the spelling of {@link Format#analytics_rule}. */
    static final class FormatConverter implements CommandLine.ITypeConverter<Format> {
        @Override
        public Format convert(String value) {
            String name = value.trim().toLowerCase(java.util.Locale.ROOT).replace('-', '_');
            for (Format format : Format.values()) {
                if (format.name().equals(name)) {
                    return format;
                }
            }
            throw new CommandLine.TypeConversionException("invalid format '" + value
                    + "'; use query, analytics-rule or arm");
        }
    }
}
