package dev.harrier.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example filters for the flagship rule, run over the bundled samples: each must suppress
 * exactly the key files its scenario covers and keep every other positive.
 */
class ExampleFiltersTest {
    static Path root;
    static final String FLAGSHIP =
            "rules/sigma/rules/windows/file/file_event/file_event_win_sysinternals_psexec_service_key.yml";

    /** Every positive of the samples, as "file locator". */
    static final Set<String> ALL_POSITIVES = Set.of(
            "csv/asim-imfileevent.csv line:10", "csv/asim-imfileevent.csv line:18",
            "csv/defender-devicefileevents.csv line:3", "csv/defender-devicefileevents.csv line:4",
            "evtx/sysmon11-psexec-session.evtx 48608", "evtx/sysmon11-system-writes.evtx 549541",
            "json/asim-imfileevent.jsonl line:2", "json/asim-imfileevent.jsonl line:3",
            "json/defender-devicefileevents.jsonl line:2", "json/defender-devicefileevents.jsonl line:3",
            "json/security-4663-evtx_dump.jsonl 1187428", "json/security-4663-evtx_dump.jsonl 23824",
            "json/sysmon-evtx_dump.jsonl 48608", "json/sysmon-evtx_dump.jsonl 549541",
            "json/sysmon-otrf-flat.jsonl line:2", "json/sysmon-otrf-flat.jsonl line:7",
            "json/sysmon-winlogbeat-ecs.jsonl 48608", "json/sysmon-winlogbeat-ecs.jsonl 549541",
            "ntfs/MFT.bin entry:151", "ntfs/UsnJrnl-J.bin usn:66312", "ntfs/UsnJrnl-J.bin usn:68880");

    @BeforeAll
    static void locateRepository() {
        root = CliTests.repositoryRoot();
    }

    static Set<String> matches(Path dir, String... filters) throws IOException {
        Path out = dir.resolve("out.jsonl");
        List<String> args = new ArrayList<>(List.of("hunt", "--quiet", "--format", "jsonl",
                "--output", out.toString(), "--rules", root.resolve(FLAGSHIP).toString()));
        for (String filter : filters) {
            args.add("--filters");
            args.add(root.resolve(filter).toString());
        }
        args.add(root.resolve("samples").toString());
        assertThat(HarrierCommand.execute(args.toArray(new String[0]))).isZero();
        Set<String> found = new TreeSet<>();
        ObjectMapper json = new ObjectMapper();
        for (String line : Files.readAllLines(out)) {
            JsonNode match = json.readTree(line);
            String path = match.path("source").path("path").asText();
            found.add(root.resolve("samples").relativize(Path.of(path)) + " "
                    + match.path("source").path("locator").asText());
        }
        return found;
    }

    static Set<String> without(String... suppressed) {
        Set<String> kept = new TreeSet<>(ALL_POSITIVES);
        for (String entry : suppressed) {
            assertThat(kept.remove(entry)).as("known positive " + entry).isTrue();
        }
        return kept;
    }

    @Test
    void unfilteredFindsEveryPositive(@TempDir Path dir) throws IOException {
        assertThat(matches(dir)).isEqualTo(new TreeSet<>(ALL_POSITIVES));
    }

    @Test
    void patchManagementSuppressesToolCopy(@TempDir Path dir) throws IOException {
        assertThat(matches(dir, "examples/filters/psexec-key-patch-management.yml")).isEqualTo(without(
                "csv/asim-imfileevent.csv line:10", "csv/defender-devicefileevents.csv line:3",
                "evtx/sysmon11-psexec-session.evtx 48608", "json/asim-imfileevent.jsonl line:2",
                "json/defender-devicefileevents.jsonl line:2",
                "json/security-4663-evtx_dump.jsonl 1187428", "json/sysmon-evtx_dump.jsonl 48608",
                "json/sysmon-winlogbeat-ecs.jsonl 48608"));
    }

    @Test
    void gpoMaintenanceSuppressesSystem(@TempDir Path dir) throws IOException {
        assertThat(matches(dir, "examples/filters/psexec-key-gpo-maintenance-system.yml"))
                .isEqualTo(without("csv/asim-imfileevent.csv line:18",
                        "csv/defender-devicefileevents.csv line:4", "json/asim-imfileevent.jsonl line:3",
                        "json/defender-devicefileevents.jsonl line:3"));
    }

    @Test
    void debuggingAccountSuppressesAdmops(@TempDir Path dir) throws IOException {
        assertThat(matches(dir, "examples/filters/psexec-key-debugging-account.yml")).isEqualTo(without(
                "csv/asim-imfileevent.csv line:10", "csv/defender-devicefileevents.csv line:3",
                "json/asim-imfileevent.jsonl line:2", "json/defender-devicefileevents.jsonl line:2",
                "json/security-4663-evtx_dump.jsonl 1187428"));
    }

    @Test
    void checkFlagsDisjointDirectoryExclusion() {
        CliTests.Run run = CliTests.run("check", root.resolve(FLAGSHIP).toString(),
                root.resolve("examples").toString());
        assertThat(run.status()).isZero();
        assertThat(run.output())
                .contains("psexec-key-windows-temp.yml:1:1: warning: filter can never remove a match"
                        + " of rule 'PSEXEC Remote Execution File Artefact'")
                .contains("0 errors, 1 warnings");
    }
}
