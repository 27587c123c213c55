package dev.harrier.io.evtx;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reads copies of a real log with random bytes overwritten. Every read must end without an
 * exception, yield events or record-losing problems, and give each problem a hex offset.
 */
class EvtxMutationTest {
    private static final int ROUNDS = 500;

    @TempDir Path temp;

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void randomByteDamageNeverEndsRead() throws IOException {
        byte[] source =
                Files.readAllBytes(
                        SharedData.resolve("data/evtx/omerbenamram/samples/security.evtx"));
        byte[] original =
                Arrays.copyOf(source, EvtxFormat.FILE_HEADER_SIZE + 2 * EvtxFormat.CHUNK_SIZE);
        Random random = new Random(42);
        Path file = temp.resolve("mutated.evtx");

        for (int round = 0; round < ROUNDS; round++) {
            byte[] damaged = original.clone();
            int changes = 1 + random.nextInt(64);
            for (int i = 0; i < changes; i++) {
                // Damage the chunks, not the file signature, so the records are reached.
                int position = 8 + random.nextInt(damaged.length - 8);
                damaged[position] = (byte) random.nextInt(256);
            }
            Files.write(file, damaged);

            CollectingSink sink =
                    CollectingSink.read(file, EvtxReadOptions.defaults().withParallelism(1));

            assertThat(sink.events.size() + sink.errors().size())
                    .as("round %d", round)
                    .isPositive();
            assertThat(sink.problems)
                    .as("round %d", round)
                    .allSatisfy(
                            problem -> {
                                assertThat(problem.location()).startsWith("offset:0x");
                                // This text marks an unexpected exception, which is a reader
                                // defect rather than a detected format error.
                                assertThat(problem.message()).doesNotContain("failed to read");
                            });
        }
    }
}
