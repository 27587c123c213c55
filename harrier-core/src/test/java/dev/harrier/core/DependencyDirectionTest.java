package dev.harrier.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.harrier.core.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Keeps module dependencies one way: core depends on no other module, io only on core. */
class DependencyDirectionTest {
    @ParameterizedTest(name = "{0} imports none of {1}")
    @CsvSource({
        "harrier-core, dev.harrier.io|dev.harrier.cli|dev.harrier.kql|dev.harrier.flink",
        "harrier-io, dev.harrier.cli|dev.harrier.kql|dev.harrier.flink",
        "harrier-kql, dev.harrier.io|dev.harrier.cli|dev.harrier.flink"
    })
    void moduleImportsOnlyAllowedModules(String module, String forbidden) throws IOException {
        Path sources = SharedData.repositoryRoot().resolve(module).resolve("src/main/java");
        assumeTrue(Files.isDirectory(sources), "module sources not found: " + sources);
        List<String> violations = new ArrayList<>();
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                for (String line : Files.readAllLines(file)) {
                    for (String prefix : forbidden.split("\\|")) {
                        if (line.startsWith("import " + prefix + ".")
                                || line.startsWith("import static " + prefix + ".")) {
                            violations.add(sources.relativize(file) + ": " + line);
                        }
                    }
                }
            }
        }
        assertThat(violations).isEmpty();
    }
}
