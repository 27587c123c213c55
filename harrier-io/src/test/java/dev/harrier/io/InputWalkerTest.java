package dev.harrier.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

class InputWalkerTest {
    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    @Test
    void walksDirectoriesInSortedOrder(@TempDir Path dir) throws IOException {
        write(dir.resolve("b/z.json"), "{\"a\":1}\n");
        write(dir.resolve("b/a.csv"), "x,y\n1,2\n");
        write(dir.resolve("a.xml"), "<Events/>");
        write(dir.resolve("c.txt"), "[]");
        write(dir.resolve("b/deeper/empty.json"), "");
        Files.write(dir.resolve("d.evtx"), "ElfFile\0rest".getBytes(StandardCharsets.ISO_8859_1));
        List<ReadProblem> problems = new ArrayList<>();

        List<InputFile> files = InputWalker.list(List.of(dir), problems::add);

        assertThat(problems).isEmpty();
        assertThat(files)
                .containsExactly(
                        new InputFile(dir.resolve("a.xml"), InputFormat.XML),
                        new InputFile(dir.resolve("b/a.csv"), InputFormat.CSV),
                        new InputFile(dir.resolve("b/deeper/empty.json"), InputFormat.UNKNOWN),
                        new InputFile(dir.resolve("b/z.json"), InputFormat.JSON),
                        new InputFile(dir.resolve("c.txt"), InputFormat.JSON),
                        new InputFile(dir.resolve("d.evtx"), InputFormat.EVTX));
    }

    @Test
    void missingPathReportedWalkContinues(@TempDir Path dir) throws IOException {
        Path present = dir.resolve("present.json");
        write(present, "{}");
        Path missing = dir.resolve("missing.json");
        List<ReadProblem> problems = new ArrayList<>();

        List<InputFile> files = InputWalker.list(List.of(missing, present), problems::add);

        assertThat(files).containsExactly(new InputFile(present, InputFormat.JSON));
        assertThat(problems).hasSize(1);
        assertThat(problems.get(0).path()).isEqualTo(missing.toString());
        assertThat(problems.get(0).message()).contains("not found");
    }

    @Test
    void unreadableFileReportedWalkContinues(@TempDir Path dir) throws IOException {
        Path locked = dir.resolve("a-locked.json");
        Path open = dir.resolve("b-open.json");
        write(locked, "{}");
        write(open, "{}");
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
        assumeFalse(
                Files.isReadable(locked),
                "this user can read files without permission (root?); permission test skipped");
        List<ReadProblem> problems = new ArrayList<>();

        List<InputFile> files = InputWalker.list(List.of(dir), problems::add);

        assertThat(files).containsExactly(new InputFile(open, InputFormat.JSON));
        assertThat(problems).hasSize(1);
        assertThat(problems.get(0).path()).isEqualTo(locked.toString());
        assertThat(problems.get(0).message()).contains("permission denied");
    }

    @Test
    void unlistableDirectoryIsReported(@TempDir Path dir) throws IOException {
        Path locked = dir.resolve("locked");
        write(locked.resolve("a.json"), "{}");
        write(dir.resolve("z.json"), "{}");
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
        try {
            assumeFalse(
                    Files.isReadable(locked),
                    "this user can list directories without permission (root?); test skipped");
            List<ReadProblem> problems = new ArrayList<>();

            List<InputFile> files = InputWalker.list(List.of(dir), problems::add);

            assertThat(files)
                    .containsExactly(new InputFile(dir.resolve("z.json"), InputFormat.JSON));
            assertThat(problems).extracting(ReadProblem::path).containsExactly(locked.toString());
        } finally {
            Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwx------"));
        }
    }

    @Test
    void symbolicLinkCycleIsWalkedOnce(@TempDir Path dir) throws IOException {
        write(dir.resolve("sub/a.json"), "{}");
        Files.createSymbolicLink(dir.resolve("sub/loop"), dir);
        Files.createSymbolicLink(dir.resolve("dangling.json"), dir.resolve("nowhere.json"));
        List<ReadProblem> problems = new ArrayList<>();

        List<InputFile> files = InputWalker.list(List.of(dir), problems::add);

        assertThat(files)
                .containsExactly(new InputFile(dir.resolve("sub/a.json"), InputFormat.JSON));
        assertThat(problems)
                .extracting(ReadProblem::path)
                .containsExactly(dir.resolve("dangling.json").toString());
    }

    @Test
    void fileRootIsYieldedItself(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("x.bin");
        Files.write(file, new byte[] {'P', 'K', 3, 4, 0, 0});

        List<InputFile> files = InputWalker.list(List.of(file), p -> {});

        assertThat(files).containsExactly(new InputFile(file, InputFormat.ZIP));
    }
}
