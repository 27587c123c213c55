package dev.harrier.core.load;

import dev.harrier.core.rule.SigmaCorrelationRule;
import dev.harrier.core.rule.SigmaFilter;
import dev.harrier.core.rule.SigmaRule;
import dev.harrier.core.rule.SourceLocation;
import dev.harrier.core.value.Placeholders;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Loads Sigma rules from files and directories (recursively, {@code .yml} and {@code .yaml}),
 * single- and multi-document, collecting every problem instead of stopping at the first. One bad
 * rule never stops the others.
 *
 * <p>Legacy {@code action: global} documents are merged into the documents after them, {@code
 * action: reset} ends that, and {@code action: repeat} repeats the previous document with changes.
 */
public final class RuleLoader {
    private final Placeholders placeholders;

    public RuleLoader(Placeholders placeholders) {
        this.placeholders = placeholders;
    }

    public RuleLoader() {
        this(Placeholders.none());
    }

    /** Loads every rule file under each path, in sorted order. */
    public LoadResult load(List<Path> paths) {
        LoadResult.Builder result = new LoadResult.Builder();
        for (Path path : paths) {
            if (!Files.exists(path)) {
                result.problem(new LoadProblem(LoadProblem.Severity.ERROR,
                        SourceLocation.ofFile(path.toString()), "rule path not found", null));
                continue;
            }
            for (Path file : ruleFiles(path, result)) {
                loadFile(file, result);
            }
        }
        return result.build();
    }

    private static List<Path> ruleFiles(Path path, LoadResult.Builder result) {
        if (!Files.isDirectory(path)) {
            return List.of(path);
        }
        try (Stream<Path> walk = Files.walk(path)) {
            return walk.filter(Files::isRegularFile)
                    .filter(file -> {
                        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
                        return name.endsWith(".yml") || name.endsWith(".yaml");
                    })
                    .sorted()
                    .toList();
        } catch (IOException | UncheckedIOException e) {
            result.problem(new LoadProblem(LoadProblem.Severity.ERROR,
                    SourceLocation.ofFile(path.toString()), "cannot list rule directory: " + e.getMessage(),
                    null));
            return List.of();
        }
    }

    private void loadFile(Path file, LoadResult.Builder result) {
        result.fileRead();
        try (InputStream in = Files.newInputStream(file)) {
            loadText(file.toString(), strictUtf8(in), result);
        } catch (IOException e) {
            result.problem(new LoadProblem(LoadProblem.Severity.ERROR,
                    SourceLocation.ofFile(file.toString()), "cannot read rule file: " + e, null));
        }
    }

    private static Reader strictUtf8(InputStream in) {
        return new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT));
    }

    /** Loads the documents of one rule text, naming it {@code file} in problems. */
    public LoadResult loadText(String file, String text) {
        LoadResult.Builder result = new LoadResult.Builder();
        result.fileRead();
        loadText(file, new java.io.StringReader(text), result);
        return result.build();
    }

    private void loadText(String file, Reader reader, LoadResult.Builder result) {
        List<YamlNode> documents;
        try {
            documents = new YamlReader(file, result::problem).readAll(reader);
        } catch (UncheckedIOException e) {
            String reason = e.getCause() instanceof CharacterCodingException
                    ? "rule file is not valid UTF-8" : "cannot read rule file: " + e.getCause();
            result.problem(new LoadProblem(LoadProblem.Severity.ERROR, SourceLocation.ofFile(file),
                    reason, null));
            return;
        }
        RuleParser parser = new RuleParser(placeholders, result::problem);
        YamlNode.Mapping global = null;
        YamlNode.Mapping previous = null;
        for (YamlNode document : documents) {
            if (document == null) {
                continue;
            }
            if (!(document instanceof YamlNode.Mapping mapping)) {
                result.problem(new LoadProblem(LoadProblem.Severity.ERROR, document.location(),
                        "a rule document must be a mapping", null));
                result.rejected();
                continue;
            }
            String action = scalarText(mapping.get("action"));
            if ("global".equals(action)) {
                global = without(mapping, "action");
                continue;
            }
            if ("reset".equals(action)) {
                global = null;
                continue;
            }
            YamlNode.Mapping effective = without(mapping, "action");
            if ("repeat".equals(action)) {
                if (previous == null) {
                    result.problem(new LoadProblem(LoadProblem.Severity.ERROR, mapping.location(),
                            "'action: repeat' has no previous document", null));
                    result.rejected();
                    continue;
                }
                effective = merge(previous, effective);
            } else if (global != null) {
                effective = merge(global, effective);
            }
            previous = effective;

            if (effective.get("correlation") != null) {
                SigmaCorrelationRule correlation = parser.parseCorrelation(effective);
                if (correlation == null) {
                    result.rejected();
                } else {
                    result.correlation(correlation);
                }
                continue;
            }
            if (effective.get("filter") != null) {
                SigmaFilter filter = parser.parseFilter(effective);
                if (filter == null) {
                    result.rejected();
                } else {
                    result.filter(filter);
                }
                continue;
            }
            SigmaRule rule = parser.parse(effective);
            if (rule == null) {
                result.rejected();
            } else {
                result.rule(rule);
            }
        }
    }

    private static String scalarText(YamlNode node) {
        return node instanceof YamlNode.Scalar scalar && scalar.value() != null ? scalar.text() : null;
    }

    private static YamlNode.Mapping without(YamlNode.Mapping mapping, String key) {
        if (!mapping.entries().containsKey(key)) {
            return mapping;
        }
        LinkedHashMap<String, YamlNode> entries = new LinkedHashMap<>(mapping.entries());
        entries.remove(key);
        return new YamlNode.Mapping(entries, mapping.keyLocations(), mapping.location());
    }

    /** Deep-merges {@code overlay} onto {@code base}; the overlay wins for scalars and lists. */
    private static YamlNode.Mapping merge(YamlNode.Mapping base, YamlNode.Mapping overlay) {
        LinkedHashMap<String, YamlNode> entries = new LinkedHashMap<>(base.entries());
        Map<String, SourceLocation> keys = new LinkedHashMap<>(base.keyLocations());
        for (Map.Entry<String, YamlNode> entry : overlay.entries().entrySet()) {
            YamlNode existing = entries.get(entry.getKey());
            if (existing instanceof YamlNode.Mapping existingMap
                    && entry.getValue() instanceof YamlNode.Mapping overlayMap) {
                entries.put(entry.getKey(), merge(existingMap, overlayMap));
            } else {
                entries.put(entry.getKey(), entry.getValue());
            }
            keys.put(entry.getKey(), overlay.keyLocations().get(entry.getKey()));
        }
        return new YamlNode.Mapping(entries, keys, overlay.location());
    }

    /** Rules, problems and counts from one load. */
    public record LoadResult(List<SigmaRule> rules, List<SigmaCorrelationRule> correlations,
            List<SigmaFilter> filters, List<LoadProblem> problems, int files, int rejected) {
        public LoadResult {
            rules = List.copyOf(rules);
            correlations = List.copyOf(correlations);
            filters = List.copyOf(filters);
            problems = List.copyOf(problems);
        }

        public List<LoadProblem> errors() {
            return problems.stream().filter(LoadProblem::isError).toList();
        }

        static final class Builder {
            private final List<SigmaRule> rules = new ArrayList<>();
            private final List<SigmaCorrelationRule> correlations = new ArrayList<>();
            private final List<SigmaFilter> filters = new ArrayList<>();
            private final List<LoadProblem> problems = new ArrayList<>();
            private int files;
            private int rejected;

            void rule(SigmaRule rule) {
                rules.add(rule);
            }

            void correlation(SigmaCorrelationRule correlation) {
                correlations.add(correlation);
            }

            void filter(SigmaFilter filter) {
                filters.add(filter);
            }

            void problem(LoadProblem problem) {
                problems.add(problem);
            }

            void fileRead() {
                files++;
            }

            void rejected() {
                rejected++;
            }

            LoadResult build() {
                return new LoadResult(rules, correlations, filters, problems, files, rejected);
            }
        }
    }
}
