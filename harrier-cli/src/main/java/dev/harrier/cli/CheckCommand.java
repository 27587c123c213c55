package dev.harrier.cli;

import dev.harrier.core.check.FieldCatalog;
import dev.harrier.core.check.RuleChecker;
import dev.harrier.core.load.LoadProblem;
import dev.harrier.core.load.RuleLoader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code harrier check}: reports every problem in rules, filters and correlations. */
@Command(
        name = "check",
        mixinStandardHelpOptions = true,
        description = {
            "Loads Sigma rules, filters and correlation rules and reports every problem with its"
                    + " location: invalid YAML, unknown modifiers, unresolved placeholders,"
                    + " regular expressions RE2 cannot run, duplicate ids, references to missing"
                    + " rules, filters that cannot exclude anything, and fields a rule's log source"
                    + " never has.",
            "Exit status: 0 when there are no errors (warnings allowed); 1 when there are errors;"
                    + " 2 for an invalid option."
        })
public final class CheckCommand implements Callable<Integer> {
    @Parameters(paramLabel = "PATH", arity = "0..*",
            description = "Rule files or directories. Default: the bundled SigmaHQ rules.")
    List<Path> paths = new ArrayList<>();

    @Option(names = "--placeholders", paramLabel = "FILE",
            description = "YAML file of placeholder values for the 'expand' modifier.")
    Path placeholders;

    @Option(names = "--errors-only", description = "Do not list warnings.")
    boolean errorsOnly;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<Path> inputs = paths.isEmpty() ? List.of(CliSupport.bundledRules(spec)) : paths;
        RuleLoader.LoadResult loaded = new RuleLoader(CliSupport.loadPlaceholders(spec, placeholders))
                .load(inputs);
        List<LoadProblem> problems = new ArrayList<>(loaded.problems());
        problems.addAll(new RuleChecker(FieldCatalog.bundled()).check(loaded));

        int errors = 0;
        int warnings = 0;
        for (LoadProblem problem : problems) {
            if (problem.isError()) {
                errors++;
            } else {
                warnings++;
                if (errorsOnly) {
                    continue;
                }
            }
            out.println(problem);
        }
        out.println(loaded.rules().size() + " rules, " + loaded.correlations().size()
                + " correlations and " + loaded.filters().size() + " filters loaded from "
                + loaded.files() + " files; " + loaded.rejected() + " rejected; " + errors
                + " errors, " + warnings + " warnings");
        out.flush();
        return errors > 0 ? 1 : 0;
    }
}
