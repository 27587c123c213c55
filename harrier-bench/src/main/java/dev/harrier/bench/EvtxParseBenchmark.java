package dev.harrier.bench;

import dev.harrier.core.event.Event;
import dev.harrier.io.ReadProblem;
import dev.harrier.io.RecordSink;
import dev.harrier.io.evtx.EvtxReadOptions;
import dev.harrier.io.evtx.EvtxReader;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Throughput of reading every EVTX file of a corpus directory into events. Each operation reads the
 * whole corpus once, and the auxiliary counters report file bytes and records per second.
 *
 * <p>Run with {@code java -jar harrier-bench/target/benchmarks.jar EvtxParseBenchmark -p
 * evtxDir=/path/to/evtx}; the directory can also come from the system property {@code
 * harrier.bench.evtxDir}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(1)
public class EvtxParseBenchmark {
    /** Directory searched recursively for {@code *.evtx} files. */
    @Param("")
    public String evtxDir;

    /** Number of chunks parsed at once; 1 measures a single core. */
    @Param("1")
    public int parallelism;

    private List<Path> files;
    private long corpusBytes;
    private EvtxReadOptions options;

    @Setup(Level.Trial)
    public void findFiles() throws IOException {
        String dir = evtxDir.isEmpty() ? System.getProperty("harrier.bench.evtxDir", "") : evtxDir;
        if (dir.isEmpty()) {
            throw new IllegalArgumentException(
                    "no corpus directory: pass -p evtxDir=DIR or -Dharrier.bench.evtxDir=DIR");
        }
        try (Stream<Path> walk = Files.walk(Path.of(dir))) {
            files = walk.filter(path -> path.toString().endsWith(".evtx")).sorted().toList();
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no .evtx files found under " + dir);
        }
        corpusBytes = 0;
        for (Path file : files) {
            corpusBytes += Files.size(file);
        }
        options = new EvtxReadOptions(parallelism, true);
    }

    /** Per-iteration totals, reported by JMH as rates per second. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Totals {
        public long bytes;
        public long records;
    }

    @Benchmark
    public void readCorpus(Totals totals, Blackhole blackhole) {
        RecordSink sink =
                new RecordSink() {
                    @Override
                    public void record(Event event, String locator) {
                        totals.records++;
                        blackhole.consume(event);
                    }

                    @Override
                    public void unreadable(ReadProblem problem) {
                        blackhole.consume(problem);
                    }
                };
        for (Path file : files) {
            EvtxReader.read(file, sink, options);
        }
        totals.bytes += corpusBytes;
    }
}
