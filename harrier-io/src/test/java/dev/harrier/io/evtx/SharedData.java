package dev.harrier.io.evtx;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the shared test data directory that sits beside the repository checkout. */
final class SharedData {
    private SharedData() {}

    /**
     * Returns the shared directory, or skips the calling test when it is absent. Surefire sets
     * {@code harrier.repo.root}; without it the working directory and its parents are tried.
     */
    static Path root() {
        Path found = find();
        assumeTrue(
                found != null,
                "shared test data not found beside the repository (../shared); test skipped");
        return found;
    }

    /** Returns a path under the shared directory, or skips the test when it does not exist. */
    static Path resolve(String relative) {
        Path path = root().resolve(relative);
        assumeTrue(Files.exists(path), "shared test data missing: " + path + "; test skipped");
        return path;
    }

    private static Path find() {
        String repoRoot = System.getProperty("harrier.repo.root");
        if (repoRoot != null) {
            Path candidate = Path.of(repoRoot).resolve("../shared").normalize();
            if (Files.isDirectory(candidate.resolve("data"))) {
                return candidate;
            }
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolveSibling("shared");
            if (Files.isDirectory(candidate.resolve("data"))) {
                return candidate;
            }
        }
        return null;
    }
}
