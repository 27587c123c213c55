package dev.harrier.cli;

import dev.harrier.core.profile.ProfileSet;
import dev.harrier.core.profile.SourceProfile;
import dev.harrier.core.value.Placeholders;
import dev.harrier.io.output.AtomicFileOutput;
import dev.harrier.io.output.CsvMatchWriter;
import dev.harrier.io.output.JsonlMatchWriter;
import dev.harrier.io.output.MatchWriter;
import dev.harrier.io.output.TableMatchWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/** Option handling shared by the commands: placeholder and profile files, bundled rules, output. */
final class CliSupport {
    /** System property naming the installation folder that contains {@code rules/sigma}. */
    static final String HOME_PROPERTY = "harrier.home";

    private CliSupport() {}

    static Placeholders loadPlaceholders(CommandSpec spec, Path file) {
        if (file == null) {
            return Placeholders.none();
        }
        Object root;
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            LoaderOptions options = new LoaderOptions();
            options.setMaxAliasesForCollections(50);
            root = new Yaml(new SafeConstructor(options)).load(reader);
        } catch (IOException | YAMLException e) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "cannot read placeholder file " + file + ": " + e.getMessage());
        }
        if (!(root instanceof Map<?, ?> map)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "placeholder file " + file + " must map names to lists of values");
        }
        Map<String, List<String>> values = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            List<String> list = new ArrayList<>();
            if (entry.getValue() instanceof List<?> items) {
                for (Object item : items) {
                    list.add(String.valueOf(item));
                }
            } else if (entry.getValue() != null) {
                list.add(String.valueOf(entry.getValue()));
            }
            values.put(String.valueOf(entry.getKey()), list);
        }
        return new Placeholders(values);
    }

    static ProfileSet loadProfiles(CommandSpec spec, List<Path> files) {
        ProfileSet profiles = ProfileSet.bundled();
        for (Path file : files) {
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                List<SourceProfile> extra = ProfileSet.parse(file.toString(), reader);
                profiles = profiles.with(extra);
            } catch (IOException | IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "cannot read profile file " + file + ": " + e.getMessage());
            }
        }
        return profiles;
    }

    /**
     * Finds the bundled rule folder: {@code rules/sigma} under the {@code harrier.home} property
     * (set by {@code bin/harrier}), else next to the jar or the working directory.
     */
    static Path bundledRules(CommandSpec spec) {
        List<Path> candidates = new ArrayList<>();
        String home = System.getProperty(HOME_PROPERTY);
        if (home != null) {
            candidates.add(Path.of(home, "rules", "sigma"));
        }
        try {
            Path jar = Path.of(CliSupport.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (Path dir = jar.getParent(); dir != null; dir = dir.getParent()) {
                candidates.add(dir.resolve("rules").resolve("sigma"));
            }
        } catch (java.net.URISyntaxException | SecurityException | NullPointerException e) {
            // The jar location is only a fallback; the other candidates remain.
        }
        candidates.add(Path.of("rules", "sigma"));
        for (Path candidate : candidates) {
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new CommandLine.ParameterException(spec.commandLine(),
                "bundled rules not found (looked in " + candidates.get(0)
                        + "); pass rules with --rules PATH");
    }

    /** Standard output or an atomically written file. */
    static final class Output implements AutoCloseable {
        private final AtomicFileOutput file;
        final OutputStream stream;

        Output(AtomicFileOutput file, OutputStream stream) {
            this.file = file;
            this.stream = stream;
        }

        void commit() throws IOException {
            stream.flush();
            if (file != null) {
                file.commit();
            }
        }

        @Override
        public void close() throws IOException {
            if (file != null) {
                file.close();
            } else if (stream instanceof java.io.BufferedOutputStream) {
                stream.close();
            } else {
                stream.flush();
            }
        }
    }

    /**
     * Opens standard output, or {@code path}: a regular file (new or existing) is written
     * atomically; a symbolic link is followed to its target; a device or pipe such as {@code
     * /dev/null} is written directly, never replaced.
     */
    static Output openOutput(CommandSpec spec, Path path) {
        if (path == null) {
            OutputStream stdout = new java.io.FilterOutputStream(System.out) {
                @Override
                public void close() throws IOException {
                    flush();
                }

                @Override
                public void write(byte[] bytes, int offset, int length) throws IOException {
                    out.write(bytes, offset, length);
                }
            };
            return new Output(null, stdout);
        }
        try {
            Path target = path;
            if (Files.isSymbolicLink(path)) {
                Path link = Files.readSymbolicLink(path);
                target = path.toAbsolutePath().getParent().resolve(link);
            }
            if (Files.isDirectory(target)) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--output " + path + " is a directory; give a file name");
            }
            if (Files.exists(target) && !Files.isRegularFile(target)) {
                return new Output(null, new java.io.BufferedOutputStream(Files.newOutputStream(target)));
            }
            AtomicFileOutput file = new AtomicFileOutput(target);
            return new Output(file, file);
        } catch (IOException e) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "cannot write output file " + path + ": " + e.getMessage());
        }
    }

    static MatchWriter writer(String format, Output out) throws IOException {
        switch (format) {
            case "jsonl":
                return new JsonlMatchWriter(out.stream);
            case "csv":
                return new CsvMatchWriter(new PrintWriter(
                        new OutputStreamWriter(out.stream, StandardCharsets.UTF_8), false));
            default:
                return new TableMatchWriter(new PrintWriter(
                        new OutputStreamWriter(out.stream, StandardCharsets.UTF_8), false));
        }
    }
}
