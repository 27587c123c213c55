package dev.harrier.io.evtx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.harrier.io.evtx.BinXmlNode.CompiledTemplate;
import dev.harrier.io.evtx.BinXmlNode.TemplateInstance;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BinXmlParserTest {
    @Test
    void templateCompiledOncePerChunk() throws IOException {
        byte[] file =
                Files.readAllBytes(
                        SharedData.resolve("data/evtx/omerbenamram/samples/security.evtx"));
        byte[] chunk =
                Arrays.copyOfRange(
                        file,
                        EvtxFormat.FILE_HEADER_SIZE,
                        EvtxFormat.FILE_HEADER_SIZE + EvtxFormat.CHUNK_SIZE);
        ByteBuffer buffer = ByteBuffer.wrap(chunk).order(ByteOrder.LITTLE_ENDIAN);
        BinXmlParser parser = new BinXmlParser(chunk, chunk.length);

        List<CompiledTemplate> templatesByRecord = new ArrayList<>();
        List<Integer> recordOffsets = new ArrayList<>();
        int offset = EvtxFormat.CHUNK_HEADER_SIZE;
        while (buffer.getInt(offset) == EvtxFormat.RECORD_SIGNATURE) {
            int size = buffer.getInt(offset + 4);
            List<BinXmlNode> nodes =
                    parser.parseRecord(offset + EvtxFormat.RECORD_HEADER_SIZE, offset + size - 4);
            assertThat(nodes).first().isInstanceOf(TemplateInstance.class);
            templatesByRecord.add(((TemplateInstance) nodes.get(0)).template());
            recordOffsets.add(offset);
            offset += size;
        }

        Map<CompiledTemplate, Integer> uses = new IdentityHashMap<>();
        templatesByRecord.forEach(template -> uses.merge(template, 1, Integer::sum));
        assertThat(templatesByRecord).hasSize(91);
        assertThat(uses.size()).isLessThan(templatesByRecord.size());
        int reused = 0;
        for (int i = 0; i < templatesByRecord.size(); i++) {
            CompiledTemplate template = templatesByRecord.get(i);
            if (template.chunkOffset() < recordOffsets.get(i)) {
                // Defined inside an earlier record of the chunk and shared, not recompiled.
                assertThat(uses.get(template)).isGreaterThan(1);
                reused++;
            }
        }
        assertThat(reused).isPositive();
    }
}
