package dev.harrier.io.ntfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.harrier.io.ReadProblem;
import dev.harrier.io.testing.CollectingSink;
import dev.harrier.io.testing.SharedData;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * Flips random bytes in real NTFS artefacts and checks that the readers neither throw nor stop
 * early: every damaged record becomes a read problem with a location.
 */
class DamagedInputTest {
    private static final int FLIPS = 200;

    @TempDir Path temp;

    private Path damagedCopy(String relative, long seed) throws IOException {
        byte[] bytes = Files.readAllBytes(SharedData.require(relative));
        Random random = new Random(seed);
        int from = relative.endsWith("UsnJrnl-J.bin") ? 0x10000 : 0;
        for (int i = 0; i < FLIPS; i++) {
            int at = from + random.nextInt(bytes.length - from);
            bytes[at] = (byte) random.nextInt(256);
        }
        return Files.write(temp.resolve("damaged-" + seed), bytes);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10})
    void damagedJournalIsReadToTheEnd(long seed) throws IOException {
        Path journal = damagedCopy("fixtures/psexec-key/ntfs/UsnJrnl-J.bin", seed);
        CollectingSink raw = new CollectingSink();
        CollectingSink creations = new CollectingSink();
        UsnJournalReader reader = new UsnJournalReader(NtfsPathResolver.withoutMft("C:"));

        assertThatCode(() -> reader.read(journal, raw)).doesNotThrowAnyException();
        assertThatCode(() -> reader.readCreations(journal, creations)).doesNotThrowAnyException();

        assertThat(raw.events.size() + raw.problems.size()).isPositive();
        assertThat(raw.problems).allSatisfy(DamagedInputTest::hasOffsetLocation);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10})
    void damagedMftIsReadToTheEnd(long seed) throws IOException {
        CollectingSink intact = new CollectingSink();
        new MftReader("C:").read(SharedData.require("fixtures/psexec-key/ntfs/MFT.bin"), intact);
        Path mft = damagedCopy("fixtures/psexec-key/ntfs/MFT.bin", seed);
        CollectingSink sink = new CollectingSink();

        assertThatCode(() -> new MftReader("C:").read(mft, sink)).doesNotThrowAnyException();

        assertThat(sink.problems).allSatisfy(p -> assertThat(p.location()).startsWith("entry:"));
        // A flip can also turn a record into a nameless or extension record, which sends nothing.
        assertThat(sink.events.size() + sink.problems.size())
                .isGreaterThanOrEqualTo(intact.events.size() * 3 / 4);
    }

    private static void hasOffsetLocation(ReadProblem problem) {
        assertThat(problem.location()).matches("offset:0x[0-9a-f]+");
    }
}
