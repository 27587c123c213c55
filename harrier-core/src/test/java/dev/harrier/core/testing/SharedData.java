package dev.harrier.core.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the shared test data beside the repository; tests skip when it is absent. */
public final class SharedData {
    private SharedData() {}

    /** The repository root, from the {@code harrier.repo.root} property or the working directory. */
    public static Path repositoryRoot() {
        String property = System.getProperty("harrier.repo.root");
        Path start = property != null ? Path.of(property) : Path.of("").toAbsolutePath();
        for (Path dir = start.toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve("mvnw")) && Files.isDirectory(dir.resolve("harrier-core"))) {
                return dir;
            }
        }
        return start.toAbsolutePath();
    }

    /** Returns the shared folder, skipping the calling test with a message when it is absent. */
    public static Path require(String relative) {
        Path path = repositoryRoot().resolve("../shared").resolve(relative).normalize();
        assumeTrue(Files.exists(path), "shared test data not found, skipping: " + path);
        return path;
    }
}
