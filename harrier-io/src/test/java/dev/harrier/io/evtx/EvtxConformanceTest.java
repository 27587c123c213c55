package dev.harrier.io.evtx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.harrier.core.event.Event;
import dev.harrier.io.ReadProblem;
import dev.harrier.io.RecordSink;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.LongStream;

/** Conformance cases for damaged and dirty EVTX files, with the counts the cases expect. */
class EvtxConformanceTest {
    private static final String SAMPLES = "data/evtx/omerbenamram/samples/";
    private static final long FOUR_GIB = 1L << 32;

    @TempDir Path temp;

    @Test
    void badChunkMagicIsReportedPerChunk() {
        CollectingSink sink =
                CollectingSink.read(
                        SharedData.resolve(SAMPLES + "sample_with_a_bad_chunk_magic.evtx"));

        assertThat(sink.events).hasSize(270);
        assertThat(sink.errors()).hasSize(2);
        assertThat(sink.errors())
                .extracting(ReadProblem::location)
                .containsExactly("offset:0x61000", "offset:0xa1000");
        assertThat(sink.errors())
                .allSatisfy(
                        problem ->
                                assertThat(problem.message()).contains("invalid chunk signature"));
    }

    @Test
    void dirtyFileReadsPastHeaderChunkCount() {
        CollectingSink sink =
                CollectingSink.read(SharedData.resolve(SAMPLES + "2-vss_7-System.evtx"));

        List<String> expected = new ArrayList<>();
        LongStream.rangeClosed(1, 1155).forEach(id -> expected.add(Long.toString(id)));
        LongStream.rangeClosed(1418, 1422).forEach(id -> expected.add(Long.toString(id)));
        assertThat(sink.locators).isEqualTo(expected);
        assertThat(sink.errors()).isEmpty();
    }

    @Test
    void zeroSizeRecordEndsItsChunkOnly() {
        CollectingSink sink =
                CollectingSink.read(
                        SharedData.resolve(SAMPLES + "sample-with-zero-data-size-event.evtx"));

        assertThat(sink.events).hasSize(335);
        assertThat(sink.locators.subList(0, 3)).containsExactly("1", "2", "118");
        assertThat(sink.errors())
                .singleElement()
                .satisfies(
                        problem -> {
                            assertThat(problem.message()).contains("record 3").contains("size 0");
                            assertThat(problem.location()).isEqualTo("offset:0x1820");
                        });
    }

    @Test
    void noCrcFlagSkipsChecksums() {
        CollectingSink sink =
                CollectingSink.read(SharedData.resolve(SAMPLES + "Application_no_crc32.evtx"));

        assertThat(sink.events).hasSize(17);
        assertThat(sink.problems).isEmpty();
    }

    @Test
    void emptyFileIsTooShortForHeader() {
        CollectingSink sink =
                CollectingSink.read(
                        SharedData.resolve("conformance/cases/CB-68/empty-0-bytes.evtx"));

        assertThat(sink.events).isEmpty();
        assertThat(sink.problems)
                .singleElement()
                .satisfies(
                        problem ->
                                assertThat(problem.message())
                                        .contains("too short for an EVTX header"));
    }

    @Test
    void headerOnlyFilesAreEmpty() {
        CollectingSink headerOnly =
                CollectingSink.read(SharedData.resolve("conformance/cases/CB-68/header-only.evtx"));
        CollectingSink zeroChunk =
                CollectingSink.read(
                        SharedData.resolve("conformance/cases/CB-68/header-zero-chunk.evtx"));

        assertThat(headerOnly.events).isEmpty();
        assertThat(headerOnly.problems).isEmpty();
        assertThat(zeroChunk.events).isEmpty();
        assertThat(zeroChunk.problems).isEmpty();
    }

    @Test
    void truncatedChunkIsReportedWithoutCrash() {
        CollectingSink sink =
                CollectingSink.read(
                        SharedData.resolve("conformance/cases/CB-68/header-truncated.evtx"));

        assertThat(sink.events).isEmpty();
        assertThat(sink.problems)
                .singleElement()
                .satisfies(
                        problem -> {
                            assertThat(problem.location()).isEqualTo("offset:0x1000");
                            assertThat(problem.message()).contains("incomplete trailing chunk");
                        });
    }

    /**
     * Places copies of a real chunk past 4 GiB in a sparse file, so the header's 16-bit chunk count
     * cannot describe the file and every offset needs 64 bits. The holes read as all-zero chunks,
     * which are skipped silently.
     */
    @Test
    void chunksPastFourGibAreRead() throws IOException {
        byte[] source = Files.readAllBytes(SharedData.resolve(SAMPLES + "security.evtx"));
        byte[] header = Arrays.copyOfRange(source, 0, EvtxFormat.FILE_HEADER_SIZE);
        byte[] chunk =
                Arrays.copyOfRange(
                        source,
                        EvtxFormat.FILE_HEADER_SIZE,
                        EvtxFormat.FILE_HEADER_SIZE + EvtxFormat.CHUNK_SIZE);
        byte[] garbage = chunk.clone();
        Arrays.fill(garbage, 0, 8, (byte) 'X');
        long chunkCount = 66_000;
        long[] copies = {0, 65_535, 65_536, 65_998};
        long garbageIndex = 65_997;
        Path file = temp.resolve("over-4-gib.evtx");
        try (RandomAccessFile out = new RandomAccessFile(file.toFile(), "rw")) {
            out.setLength(EvtxFormat.FILE_HEADER_SIZE + chunkCount * EvtxFormat.CHUNK_SIZE);
            out.write(header);
            for (long index : copies) {
                out.seek(chunkOffset(index));
                out.write(chunk);
            }
            out.seek(chunkOffset(garbageIndex));
            out.write(garbage);
        } catch (IOException e) {
            assumeTrue(false, "cannot create a sparse file over 4 GiB in the temp directory: " + e);
        }

        CountingSink sink = new CountingSink();
        EvtxReader.read(file, sink, EvtxReadOptions.defaults().withVerifyChecksums(false));

        assertThat(chunkOffset(65_536)).isGreaterThan(FOUR_GIB);
        assertThat(sink.records).isEqualTo(91L * copies.length);
        assertThat(sink.lastLocator).isEqualTo("91");
        assertThat(sink.problems)
                .singleElement()
                .satisfies(
                        problem ->
                                assertThat(problem.location())
                                        .isEqualTo(
                                                "offset:0x"
                                                        + Long.toHexString(
                                                                chunkOffset(garbageIndex))));
    }

    /**
     * Builds the full 4.3 GB file of the conformance case (a real chunk repeated 66,000 times) and
     * reads all 6,006,000 records. Runs only with {@code -Dharrier.test.largeFiles=true}, because
     * it writes 4.3 GB and parses for about a minute.
     */
    @Test
    void repeatedChunkFileOverFourGib() throws IOException {
        assumeTrue(
                Boolean.getBoolean("harrier.test.largeFiles"),
                "writes a 4.3 GB file; run with -Dharrier.test.largeFiles=true");
        byte[] source = Files.readAllBytes(SharedData.resolve(SAMPLES + "security.evtx"));
        int chunkCount = 66_000;
        long size = EvtxFormat.FILE_HEADER_SIZE + (long) chunkCount * EvtxFormat.CHUNK_SIZE;
        assumeTrue(
                Files.getFileStore(temp).getUsableSpace() > size + (1L << 30),
                "not enough free disk space for a " + size + "-byte file in " + temp);
        Path file = temp.resolve("repeated-chunk.evtx");
        int chunksPerWrite = 16;
        ByteBuffer block = ByteBuffer.allocate(chunksPerWrite * EvtxFormat.CHUNK_SIZE);
        for (int i = 0; i < chunksPerWrite; i++) {
            block.put(source, EvtxFormat.FILE_HEADER_SIZE, EvtxFormat.CHUNK_SIZE);
        }
        try (FileChannel out =
                FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            out.write(ByteBuffer.wrap(source, 0, EvtxFormat.FILE_HEADER_SIZE));
            for (int written = 0; written < chunkCount; written += chunksPerWrite) {
                int chunks = Math.min(chunksPerWrite, chunkCount - written);
                block.clear().limit(chunks * EvtxFormat.CHUNK_SIZE);
                while (block.hasRemaining()) {
                    out.write(block);
                }
            }
        }

        CountingSink sink = new CountingSink();
        try {
            EvtxReader.read(file, sink);
        } finally {
            Files.delete(file);
        }

        assertThat(size).isGreaterThan(FOUR_GIB);
        assertThat(sink.records).isEqualTo(91L * chunkCount);
        assertThat(sink.lastLocator).isEqualTo("91");
        assertThat(sink.problems).isEmpty();
    }

    private static long chunkOffset(long index) {
        return EvtxFormat.FILE_HEADER_SIZE + index * EvtxFormat.CHUNK_SIZE;
    }

    /** Counts records without keeping them, for files with millions of records. */
    private static final class CountingSink implements RecordSink {
        long records;
        String lastLocator;
        final List<ReadProblem> problems = new ArrayList<>();

        @Override
        public void record(Event event, String locator) {
            records++;
            lastLocator = locator;
        }

        @Override
        public void unreadable(ReadProblem problem) {
            problems.add(problem);
        }
    }
}
