package dev.harrier.cli;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.harrier.core.event.Event;
import dev.harrier.io.InputFormat;
import dev.harrier.io.InputWalker;
import dev.harrier.io.Inputs;
import dev.harrier.io.ReadProblem;
import dev.harrier.io.RecordSink;
import dev.harrier.io.evtx.EvtxReadOptions;
import dev.harrier.io.evtx.EvtxXmlRenderer;
import dev.harrier.io.output.JsonlMatchWriter;
import dev.harrier.io.output.Printable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code harrier dump}: prints each record as rules are matched against it, one per line. */
@Command(
        name = "dump",
        mixinStandardHelpOptions = true,
        description = {
            "Prints every record of the given files, one per line: as JSON with the field names"
                    + " rules use (jsonl), or as the XML Windows renders for an EVTX record (xml)."
                    + " A USN journal prints every record, not only file creations.",
            "Exit status: 0 when records were printed; 1 when no record could be read; 2 for an"
                    + " invalid option."
        })
public final class DumpCommand implements Callable<Integer> {
    /** Output formats. */
    enum Format {
        jsonl,
        xml
    }

    @Parameters(paramLabel = "PATH", arity = "1..*", description = "Files or directories to print.")
    List<Path> inputs;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "jsonl",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE});"
                    + " xml applies to EVTX files only.")
    Format format;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        OutputStream out = new java.io.BufferedOutputStream(System.out, 1 << 16);
        long[] records = {0};
        int[] problems = {0};
        String[] currentFile = {""};
        JsonGenerator generator = new JsonFactory().createGenerator(out, JsonEncoding.UTF8);
        generator.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        generator.setRootValueSeparator(null);
        RecordSink sink = new RecordSink() {
            @Override
            public void record(Event event, String locator) {
                records[0]++;
                try {
                    generator.writeStartObject();
                    generator.writeStringField("path", currentFile[0]);
                    generator.writeStringField("locator", locator);
                    generator.writeStringField("shape", event.shape());
                    generator.writeStringField("timestamp",
                            event.timestamp() == null ? null : event.timestamp().toString());
                    generator.writeFieldName("fields");
                    JsonlMatchWriter.writeValue(generator, event.fields());
                    generator.writeEndObject();
                    generator.flush();
                    out.write('\n');
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }

            @Override
            public void unreadable(ReadProblem problem) {
                problems[0]++;
                err.println("unreadable: " + Printable.of(problem.toString()));
                err.flush();
            }
        };

        for (Path input : inputs) {
            if (format == Format.xml) {
                dumpXml(input, out, sink, records);
            } else {
                new Inputs().withUsnCreations(false).read(input, sink, file -> currentFile[0] = file);
            }
        }
        out.flush();
        return records[0] == 0 ? 1 : 0;
    }

    private void dumpXml(Path input, OutputStream out, RecordSink sink, long[] records) {
        InputWalker.walk(List.of(input), inputFile -> {
            if (inputFile.format() != InputFormat.EVTX) {
                sink.unreadable(new ReadProblem(inputFile.path().toString(), "offset:0x0",
                        "--format xml needs an EVTX file; use --format jsonl for other inputs", 0));
                return;
            }
            renderXml(inputFile.path(), out, sink, records);
        }, sink::unreadable);
    }

    private void renderXml(Path file, OutputStream out, RecordSink sink, long[] records) {
        EvtxXmlRenderer.render(file, EvtxReadOptions.defaults(), new EvtxXmlRenderer.XmlSink() {
            @Override
            public void record(String xml, String locator) {
                records[0]++;
                try {
                    out.write(xml.replace("\r", "").replace("\n", "")
                            .getBytes(java.nio.charset.StandardCharsets.UTF_8));
                    out.write('\n');
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }

            @Override
            public void unreadable(ReadProblem problem) {
                sink.unreadable(problem);
            }
        });
    }
}
