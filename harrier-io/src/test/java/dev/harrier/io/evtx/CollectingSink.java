package dev.harrier.io.evtx;

import dev.harrier.core.event.Event;
import dev.harrier.io.ReadProblem;
import dev.harrier.io.RecordSink;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A sink that keeps everything it receives, for assertions. */
final class CollectingSink implements RecordSink {
    final List<Event> events = new ArrayList<>();
    final List<String> locators = new ArrayList<>();
    final List<ReadProblem> problems = new ArrayList<>();

    static CollectingSink read(Path file) {
        return read(file, EvtxReadOptions.defaults());
    }

    static CollectingSink read(Path file, EvtxReadOptions options) {
        CollectingSink sink = new CollectingSink();
        EvtxReader.read(file, sink, options);
        return sink;
    }

    @Override
    public void record(Event event, String locator) {
        events.add(event);
        locators.add(locator);
    }

    @Override
    public void unreadable(ReadProblem problem) {
        problems.add(problem);
    }

    /** Problems that lost at least one record. */
    List<ReadProblem> errors() {
        return problems.stream().filter(p -> p.lostRecords() > 0).toList();
    }

    Event byRecordId(long recordId) {
        return events.stream()
                .filter(e -> e.recordId().equals(Long.toString(recordId)))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no record with EventRecordID " + recordId));
    }
}
