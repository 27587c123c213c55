package dev.harrier.kql;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs generated KQL through the Kusto language service ({@code @kusto/language-service-next}) in
 * one Node process per batch, declaring the table schemas from the test resources.
 */
final class KustoAnalyzer {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path NODE_DIR = Path.of(
            System.getProperty("harrier.repo.root", "."), "harrier-kql", "src", "test", "node");

    /** One query to check. */
    record Query(String id, String text, boolean syntaxOnly) {}

    /** One diagnostic of severity Error. */
    record Problem(String code, String message, int start) {
        @Override
        public String toString() {
            return code + " at " + start + ": " + message;
        }
    }

    private KustoAnalyzer() {}

    /** Longest wait for {@code npm ci} when the tests install the language service themselves. */
    private static final long NPM_TIMEOUT_MINUTES = 10;

    private static boolean installAttempted;

    /**
     * Skips the calling test unless Node and the language service are present. When the service is
     * missing, runs {@code npm ci} once (the lock file pins its version), so that the plain test
     * command works on a fresh machine with access to the npm registry.
     */
    static synchronized void assumeAvailable() {
        Path service = NODE_DIR.resolve("node_modules/@kusto/language-service-next");
        if (!Files.isDirectory(service) && !installAttempted) {
            installAttempted = true;
            try {
                Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund")
                        .directory(NODE_DIR.toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .start();
                if (!npm.waitFor(NPM_TIMEOUT_MINUTES, java.util.concurrent.TimeUnit.MINUTES)) {
                    npm.destroyForcibly();
                }
            } catch (IOException e) {
                // npm is not installed; the assumption below skips with its message.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        assumeTrue(Files.isDirectory(service),
                "Kusto language service not installed: run 'npm ci' in " + NODE_DIR
                        + " to check generated KQL with the official parser");
    }

    /** Returns the Error diagnostics per query id; queries without errors are absent. */
    static Map<String, List<Problem>> errors(List<Query> queries) throws IOException {
        ObjectNode request = JSON.createObjectNode();
        try (InputStream in = KustoAnalyzer.class.getResourceAsStream("table-schemas.json")) {
            request.set("tables", JSON.readTree(in));
        }
        ArrayNode list = request.putArray("queries");
        for (Query query : queries) {
            list.addObject().put("id", query.id()).put("query", query.text())
                    .put("syntaxOnly", query.syntaxOnly());
        }
        Path input = Files.createTempFile("kql-check", ".json");
        try {
            JSON.writeValue(input.toFile(), request);
            Process process = new ProcessBuilder("node", "check.js")
                    .directory(NODE_DIR.toFile())
                    .redirectInput(input.toFile())
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            byte[] output;
            try (InputStream out = process.getInputStream()) {
                output = out.readAllBytes();
            }
            if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new IOException("node check.js failed: "
                        + new String(output, StandardCharsets.UTF_8));
            }
            Map<String, List<Problem>> errors = new LinkedHashMap<>();
            for (JsonNode result : JSON.readTree(output)) {
                List<Problem> problems = new ArrayList<>();
                for (JsonNode diagnostic : result.get("diagnostics")) {
                    if ("Error".equals(diagnostic.get("severity").asText())) {
                        problems.add(new Problem(diagnostic.get("code").asText(),
                                diagnostic.get("message").asText(), diagnostic.get("start").asInt()));
                    }
                }
                if (!problems.isEmpty()) {
                    errors.put(result.get("id").asText(), problems);
                }
            }
            return errors;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for node", e);
        } finally {
            Files.deleteIfExists(input);
        }
    }

}
