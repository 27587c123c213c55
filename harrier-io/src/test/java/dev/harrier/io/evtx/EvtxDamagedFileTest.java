package dev.harrier.io.evtx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.harrier.io.ReadProblem;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

/**
 * Files damaged on purpose, built from the first chunks of a real Security log. Chunk 0 contains
 * EventRecordIDs 1-91, chunk 1 contains 92-177 and chunk 2 contains 178-260.
 */
class EvtxDamagedFileTest {
    private static final int HEADER = EvtxFormat.FILE_HEADER_SIZE;
    private static final int CHUNK = EvtxFormat.CHUNK_SIZE;

    @TempDir Path temp;

    private byte[] source;

    @BeforeEach
    void loadSource() throws IOException {
        source =
                Files.readAllBytes(
                        SharedData.resolve("data/evtx/omerbenamram/samples/security.evtx"));
    }

    private byte[] header() {
        return Arrays.copyOfRange(source, 0, HEADER);
    }

    private byte[] chunk(int index) {
        int start = HEADER + index * CHUNK;
        return Arrays.copyOfRange(source, start, start + CHUNK);
    }

    private Path write(String name, byte[]... parts) throws IOException {
        int size = Arrays.stream(parts).mapToInt(part -> part.length).sum();
        ByteBuffer buffer = ByteBuffer.allocate(size);
        for (byte[] part : parts) {
            buffer.put(part);
        }
        return Files.write(temp.resolve(name), buffer.array());
    }

    /** Counts the records that lie wholly inside the first {@code length} bytes of a chunk. */
    private static int recordsWithin(byte[] chunk, int length) {
        ByteBuffer buffer = ByteBuffer.wrap(chunk).order(ByteOrder.LITTLE_ENDIAN);
        int offset = EvtxFormat.CHUNK_HEADER_SIZE;
        int count = 0;
        while (offset + 8 <= length && buffer.getInt(offset) == EvtxFormat.RECORD_SIGNATURE) {
            int size = buffer.getInt(offset + 4);
            if (offset + size > length) {
                break;
            }
            count++;
            offset += size;
        }
        return count;
    }

    @Test
    void textFileRenamedEvtxIsOneFileProblem() throws IOException {
        Path file =
                Files.writeString(
                        temp.resolve("notes.evtx"),
                        "These are meeting notes, not an event log.\n".repeat(200),
                        StandardCharsets.UTF_8);

        CollectingSink sink = CollectingSink.read(file);

        assertThat(sink.events).isEmpty();
        assertThat(sink.problems).hasSize(1);
        ReadProblem problem = sink.problems.get(0);
        assertThat(problem.path()).isEqualTo(file.toString());
        assertThat(problem.location()).isEqualTo("offset:0x0");
        assertThat(problem.message()).contains("not an EVTX file").contains("ElfFile");
    }

    @Test
    void fileCutInsideChunkKeepsWholeRecords() throws IOException {
        int cut = 30_000;
        byte[] partial = Arrays.copyOf(chunk(1), cut);
        Path file = write("cut.evtx", header(), chunk(0), partial);

        CollectingSink sink = CollectingSink.read(file);

        int wholeRecords = recordsWithin(chunk(1), cut);
        assertThat(wholeRecords).isPositive();
        assertThat(sink.events).hasSize(91 + wholeRecords);
        assertThat(sink.locators.get(90)).isEqualTo("91");
        assertThat(sink.locators.get(91)).isEqualTo("92");
        assertThat(sink.problems)
                .anySatisfy(
                        problem -> {
                            assertThat(problem.location()).isEqualTo("offset:0x11000");
                            assertThat(problem.message()).contains("incomplete trailing chunk");
                        });
        assertThat(sink.errors())
                .singleElement()
                .satisfies(
                        problem -> {
                            assertThat(problem.message()).contains("runs past the end of the file");
                            assertThat(
                                            Long.decode(
                                                    problem.location()
                                                            .substring("offset:".length())))
                                    .isBetween((long) HEADER + CHUNK, (long) HEADER + CHUNK + cut);
                        });
    }

    @Test
    void randomChunkBetweenGoodChunksIsSkipped() throws IOException {
        byte[] noise = new byte[CHUNK];
        new Random(20261204L).nextBytes(noise);
        Path file = write("noise.evtx", header(), chunk(0), noise, chunk(2));

        CollectingSink sink = CollectingSink.read(file);

        assertThat(sink.events).hasSize(91 + 83);
        assertThat(sink.locators.get(91)).isEqualTo("178");
        assertThat(sink.locators.get(sink.locators.size() - 1)).isEqualTo("260");
        assertThat(sink.errors())
                .singleElement()
                .satisfies(
                        problem -> {
                            assertThat(problem.location()).isEqualTo("offset:0x11000");
                            assertThat(problem.message()).contains("invalid chunk signature");
                        });
    }

    @Test
    void oversizedRecordSkipsChunkRest() throws IOException {
        byte[] damaged = chunk(0);
        // Record 5 starts at chunk offset 0x1500; its size field follows the signature.
        ByteBuffer.wrap(damaged).order(ByteOrder.LITTLE_ENDIAN).putInt(0x1500 + 4, 0x20000);
        Path file = write("oversized.evtx", header(), damaged, chunk(1));

        CollectingSink sink = CollectingSink.read(file);

        assertThat(sink.locators.subList(0, 4)).containsExactly("1", "2", "3", "4");
        assertThat(sink.events).hasSize(4 + 86);
        assertThat(sink.locators.get(4)).isEqualTo("92");
        assertThat(sink.errors())
                .singleElement()
                .satisfies(
                        problem -> {
                            assertThat(problem.location()).isEqualTo("offset:0x2500");
                            assertThat(problem.message())
                                    .contains("record 5")
                                    .contains("runs past the end");
                            assertThat(problem.lostRecords()).isEqualTo(87);
                        });
        assertThat(sink.problems)
                .anySatisfy(problem -> assertThat(problem.message()).contains("checksum mismatch"));
    }

    @Test
    void checksumsCanBeSkipped() throws IOException {
        byte[] damaged = chunk(0);
        damaged[100] ^= 0x5a;
        Path file = write("checksum.evtx", header(), damaged);

        CollectingSink checked = CollectingSink.read(file);
        CollectingSink unchecked =
                CollectingSink.read(file, EvtxReadOptions.defaults().withVerifyChecksums(false));

        assertThat(checked.events).hasSize(91);
        assertThat(checked.problems)
                .singleElement()
                .satisfies(
                        problem -> {
                            assertThat(problem.message())
                                    .contains("chunk header checksum mismatch");
                            assertThat(problem.lostRecords()).isZero();
                            assertThat(problem.location()).isEqualTo("offset:0x1000");
                        });
        assertThat(unchecked.events).hasSize(91);
        assertThat(unchecked.problems).isEmpty();
    }
}
