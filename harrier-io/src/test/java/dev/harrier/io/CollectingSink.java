package dev.harrier.io;

import dev.harrier.core.event.Event;

import java.util.ArrayList;
import java.util.List;

/** A sink that keeps every record and problem it receives, for assertions. */
public final class CollectingSink implements RecordSink {
    public final List<Event> events = new ArrayList<>();
    public final List<String> locators = new ArrayList<>();
    public final List<ReadProblem> problems = new ArrayList<>();

    @Override
    public void record(Event event, String locator) {
        events.add(event);
        locators.add(locator);
    }

    @Override
    public void unreadable(ReadProblem problem) {
        problems.add(problem);
    }
}
