package dev.harrier.bench;

import dev.harrier.core.engine.CompiledRuleSet;
import dev.harrier.core.event.Event;
import dev.harrier.core.load.RuleLoader;
import dev.harrier.core.profile.ProfileSet;
import dev.harrier.io.Inputs;
import dev.harrier.io.ReadProblem;
import dev.harrier.io.RecordSink;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The end-to-end benchmark: what {@code harrier hunt} does, minus writing, timed over repeated
 * passes. It loads and compiles the rules once, then reads every input and matches every event,
 * and prints records, input bytes, matches and the time of each pass.
 *
 * <pre>
 * java -cp harrier-bench/target/benchmarks.jar dev.harrier.bench.HuntDriver \
 *     --rules rules/sigma --passes 3 ../shared/data/otrf/Security-Datasets
 * </pre>
 */
public final class HuntDriver {
    private HuntDriver() {}

    public static void main(String[] args) throws IOException {
        List<Path> rules = new ArrayList<>();
        List<Path> inputs = new ArrayList<>();
        int passes = 3;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--rules":
                    rules.add(Path.of(args[++i]));
                    break;
                case "--passes":
                    passes = Integer.parseInt(args[++i]);
                    break;
                default:
                    inputs.add(Path.of(args[i]));
            }
        }
        if (rules.isEmpty() || inputs.isEmpty()) {
            System.err.println("usage: HuntDriver --rules PATH [--passes N] INPUT...");
            System.exit(2);
        }

        long loadStart = System.nanoTime();
        RuleLoader.LoadResult loaded = new RuleLoader().load(rules);
        CompiledRuleSet ruleSet = CompiledRuleSet.compile(loaded.rules(), ProfileSet.bundled(), false);
        System.out.printf("rules: %d loaded, %d rejected, load and compile %.2f s%n",
                loaded.rules().size(), loaded.rejected(), (System.nanoTime() - loadStart) / 1e9);
        long bytes = inputBytes(inputs);

        for (int pass = 1; pass <= passes; pass++) {
            long[] counts = new long[3];
            long start = System.nanoTime();
            RecordSink sink = new RecordSink() {
                @Override
                public void record(Event event, String locator) {
                    counts[0]++;
                    counts[1] += ruleSet.match(event).size();
                }

                @Override
                public void unreadable(ReadProblem problem) {
                    counts[2]++;
                }

                @Override
                public void skipped(String path, String reason) {}
            };
            for (Path input : inputs) {
                new Inputs().read(input, sink, file -> { });
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("pass %d: %d records, %d matches, %d problems, %.2f s, %.0f records/s,"
                            + " %.1f MB/s of input files%n",
                    pass, counts[0], counts[1], counts[2], seconds, counts[0] / seconds,
                    bytes / seconds / 1e6);
        }
    }

    private static long inputBytes(List<Path> inputs) throws IOException {
        long total = 0;
        for (Path input : inputs) {
            try (Stream<Path> files = Files.walk(input)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    total += Files.size(file);
                }
            }
        }
        return total;
    }
}
