package dev.harrier.io.testing;

import dev.harrier.core.event.Event;
import dev.harrier.io.ReadProblem;
import dev.harrier.io.RecordSink;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Keeps every event and problem a reader sends, in order. */
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

    /** Returns the events by locator; a later event with the same locator wins. */
    public Map<String, Event> byLocator() {
        Map<String, Event> map = new LinkedHashMap<>();
        for (int i = 0; i < events.size(); i++) {
            map.put(locators.get(i), events.get(i));
        }
        return map;
    }
}
