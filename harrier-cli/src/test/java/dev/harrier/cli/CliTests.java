package dev.harrier.cli;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;

/** Paths and a command runner shared by the command-line tests. */
final class CliTests {
    private CliTests() {}

    /** A finished command: its exit status and what it printed on standard output. */
    record Run(int status, String output) {}

    /**
     * Returns the repository root and points the commands at its bundled rules, as {@code
     * bin/harrier} does.
     */
    static Path repositoryRoot() {
        String property = System.getProperty("harrier.repo.root");
        Path root = Path.of(property != null ? property : "..").toAbsolutePath().normalize();
        System.setProperty(CliSupport.HOME_PROPERTY, root.toString());
        return root;
    }

    /** Returns a path in the shared test data, skipping the calling test when it is absent. */
    static Path shared(String relative) {
        Path path = repositoryRoot().resolve("../shared").resolve(relative).normalize();
        assumeTrue(Files.exists(path), "shared test data not found, skipping: " + path);
        return path;
    }

    /** Runs {@code harrier} with the arguments and captures standard output. */
    static Run run(String... args) {
        StringWriter text = new StringWriter();
        CommandLine command = new CommandLine(new HarrierCommand());
        command.setOut(new PrintWriter(text));
        int status = command.execute(args);
        return new Run(status, text.toString());
    }
}
