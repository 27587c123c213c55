package dev.harrier.io;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Locates the shared test data that sits beside the repository checkout. Tests that need it are
 * skipped, with a message, when it is absent.
 */
public final class SharedData {
    private SharedData() {}

    /** Returns {@code <repository>/../shared/<relative>}, or skips the test when it is missing. */
    public static Path require(String relative) {
        String root = System.getProperty("harrier.repo.root");
        assumeTrue(
                root != null, "system property harrier.repo.root is not set; shared data skipped");
        Path path = Path.of(root).resolve("../shared").resolve(relative).normalize();
        assumeTrue(Files.exists(path), "shared test data not found at " + path + "; test skipped");
        return path;
    }
}
