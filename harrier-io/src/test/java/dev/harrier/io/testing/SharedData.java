package dev.harrier.io.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the shared test data beside the checkout and skips a test when it is absent. */
public final class SharedData {
    private SharedData() {}

    /** Returns {@code relative} under the shared folder, skipping the test when it is missing. */
    public static Path require(String relative) {
        String root = System.getProperty("harrier.repo.root");
        assumeTrue(root != null, "harrier.repo.root is not set; run the tests through Maven");
        Path path = Path.of(root, "..", "shared", relative).normalize();
        assumeTrue(Files.exists(path), "shared test data not found, skipping: " + path);
        return path;
    }
}
