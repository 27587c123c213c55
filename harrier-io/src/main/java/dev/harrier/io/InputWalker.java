package dev.harrier.io;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Expands the paths a user gives into the files to read, each with its detected format.
 *
 * <p>Roots are visited in the order given. A directory is walked depth-first with its entries
 * sorted by name, so the same tree always yields the same order. Symbolic links are followed, but a
 * directory reached twice (a link cycle) is walked once. A path that is missing or cannot be read
 * becomes a {@link ReadProblem} naming it, and the walk goes on. Problems for files count as one
 * lost record, because the real number is unknown.
 */
public final class InputWalker {
    private InputWalker() {}

    /**
     * Visits every regular file under {@code roots}.
     *
     * @param roots files or directories
     * @param files receives each file with its format, in walk order
     * @param problems receives each path that could not be listed or read
     */
    public static void walk(
            List<Path> roots, Consumer<InputFile> files, Consumer<ReadProblem> problems) {
        Set<Path> visitedDirectories = new HashSet<>();
        for (Path root : roots) {
            if (!Files.exists(root)) {
                problems.accept(
                        new ReadProblem(
                                root.toString(), "path", "not found; check the path and retry", 1));
                continue;
            }
            walkRoot(root, visitedDirectories, files, problems);
        }
    }

    /** Returns every regular file under {@code roots}, in walk order. */
    public static List<InputFile> list(List<Path> roots, Consumer<ReadProblem> problems) {
        List<InputFile> files = new ArrayList<>();
        walk(roots, files::add, problems);
        return files;
    }

    private static void walkRoot(
            Path root,
            Set<Path> visitedDirectories,
            Consumer<InputFile> files,
            Consumer<ReadProblem> problems) {
        Deque<Path> pending = new ArrayDeque<>();
        pending.push(root);
        while (!pending.isEmpty()) {
            Path path = pending.pop();
            if (Files.isDirectory(path)) {
                List<Path> children = listDirectory(path, visitedDirectories, problems);
                for (int i = children.size() - 1; i >= 0; i--) {
                    pending.push(children.get(i));
                }
            } else if (Files.isRegularFile(path)) {
                detect(path, files, problems);
            } else if (Files.exists(path, LinkOption.NOFOLLOW_LINKS) && !Files.exists(path)) {
                problems.accept(
                        new ReadProblem(
                                path.toString(), "path", "broken symbolic link; skipped", 1));
            } else {
                // Reading a FIFO or device could block forever or never end.
                problems.accept(
                        new ReadProblem(path.toString(), "path", "not a regular file; skipped", 0));
            }
        }
    }

    /**
     * Returns the sorted entries of a directory, or none when it was seen before or is unlistable.
     */
    private static List<Path> listDirectory(
            Path directory, Set<Path> visitedDirectories, Consumer<ReadProblem> problems) {
        List<Path> children = new ArrayList<>();
        try {
            if (!visitedDirectories.add(directory.toRealPath())) {
                return children;
            }
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
                for (Path entry : entries) {
                    children.add(entry);
                }
            }
        } catch (IOException e) {
            problems.accept(
                    new ReadProblem(
                            directory.toString(),
                            "directory",
                            "cannot list the directory: " + describe(e),
                            1));
            return List.of();
        }
        children.sort(Comparator.comparing(p -> p.getFileName().toString()));
        return children;
    }

    private static void detect(
            Path file, Consumer<InputFile> files, Consumer<ReadProblem> problems) {
        InputFormat format;
        try {
            format = InputFormats.detect(file);
        } catch (IOException e) {
            problems.accept(
                    new ReadProblem(
                            file.toString(), "file", "cannot read the file: " + describe(e), 1));
            return;
        }
        files.accept(new InputFile(file, format));
    }

    private static String describe(IOException e) {
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        return e.toString();
    }
}
