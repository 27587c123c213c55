package dev.harrier.io.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.harrier.io.CollectingSink;
import dev.harrier.io.ReadProblem;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

/** Checks that the reader's result does not depend on read sizes and that no input breaks it. */
class JsonRecordReaderRobustnessTest {
    private static final String SAMPLE =
            "\uFEFF{\n"
                + "  \"Event\": {\n"
                + "    \"System\": {\"EventID\": 1, \"EventRecordID\": 10},\n"
                + "    \"EventData\": {\"CommandLine\": \"cmd /c \\\"echo {[}]\\\"\", \"é\": 1}\n"
                + "  }\n"
                + "}\n"
                + "{\n"
                + "  \"n\": [1, 2.5, null, true, {\"x\": \"\\u00e9\"}]\n"
                + "}\n"
                + "{\"bad\": ,}\n"
                + "{\"n\": 3}\n";

    private final JsonRecordReader reader = new JsonRecordReader();

    /** Returns at most {@code maxChunk} bytes per read, varying with a fixed seed. */
    private static InputStream chunked(byte[] bytes, int maxChunk, long seed) {
        Random random = new Random(seed);
        return new ByteArrayInputStream(bytes) {
            @Override
            public synchronized int read(byte[] buffer, int offset, int length) {
                int chunk = 1 + random.nextInt(maxChunk);
                return super.read(buffer, offset, Math.min(length, chunk));
            }
        };
    }

    private CollectingSink read(InputStream in) {
        CollectingSink sink = new CollectingSink();
        reader.read(in, "sample.json", sink);
        return sink;
    }

    @Test
    void chunkedReadsGiveSameResult() {
        byte[] bytes = SAMPLE.getBytes(StandardCharsets.UTF_8);
        CollectingSink whole = read(new ByteArrayInputStream(bytes));

        assertThat(whole.events).hasSize(3);
        assertThat(whole.locators).containsExactly("10", "line:7", "line:11");
        assertThat(whole.problems).extracting(ReadProblem::location).containsExactly("line:10:9");
        for (int seed = 0; seed < 50; seed++) {
            CollectingSink chunked = read(chunked(bytes, 1 + seed % 5, seed));

            assertThat(chunked.locators).as("seed %d", seed).isEqualTo(whole.locators);
            assertThat(chunked.problems).as("seed %d", seed).isEqualTo(whole.problems);
            assertThat(chunked.events.toString()).isEqualTo(whole.events.toString());
        }
    }

    @Test
    void mutatedInputNeverThrows() {
        byte[] original = SAMPLE.getBytes(StandardCharsets.UTF_8);
        byte[] alphabet = "{}[]\",:\\\n \u0000x1".getBytes(StandardCharsets.ISO_8859_1);
        Random random = new Random(20261204L);

        for (int round = 0; round < 2000; round++) {
            byte[] mutated = original.clone();
            int edits = 1 + random.nextInt(4);
            for (int i = 0; i < edits; i++) {
                mutated[random.nextInt(mutated.length)] = alphabet[random.nextInt(alphabet.length)];
            }
            CollectingSink sink = new CollectingSink();

            assertThatCode(() -> reader.read(new ByteArrayInputStream(mutated), "m.json", sink))
                    .as("round %d: %s", round, new String(mutated, StandardCharsets.ISO_8859_1))
                    .doesNotThrowAnyException();
            assertThat(sink.events.size() + sink.problems.size())
                    .as("round %d", round)
                    .isPositive();
        }
    }

    @Test
    void truncationAtEveryByteNeverThrows() {
        byte[] original = SAMPLE.getBytes(StandardCharsets.UTF_8);

        for (int length = 0; length <= original.length; length++) {
            byte[] cut = java.util.Arrays.copyOf(original, length);
            CollectingSink sink = new CollectingSink();

            reader.read(new ByteArrayInputStream(cut), "cut.json", sink);

            List<ReadProblem> problems = sink.problems;
            assertThat(sink.events.size()).as("length %d", length).isLessThanOrEqualTo(3);
            assertThat(problems.size()).as("length %d", length).isLessThanOrEqualTo(2);
        }
    }
}
