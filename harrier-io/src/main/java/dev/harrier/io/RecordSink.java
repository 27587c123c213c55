package dev.harrier.io;

import dev.harrier.core.event.Event;

/**
 * Receives what a reader reads: one call per record, either the event or the reason it could not be
 * read. Readers call it from one thread at a time, in file order.
 */
public interface RecordSink {
    /**
     * Receives one readable record.
     *
     * @param event the record as an event
     * @param locator where the record is in its file: the EventRecordID when the record has one,
     *     else {@code line:N} (1-based line or object number), or a format-specific position such as
     *     {@code usn:N} or {@code offset:0x...}
     */
    void record(Event event, String locator);

    /** Receives a record, or a part of a file, that could not be read; reading goes on after it. */
    void unreadable(ReadProblem problem);

    /**
     * Receives a file that contains no log records Harrier can read (a README or a YAML file in a
     * folder of logs, for example), so that it can be counted. By default it is reported as a
     * problem that loses no record.
     */
    default void skipped(String path, String reason) {
        unreadable(new ReadProblem(path, "offset:0x0", reason + "; skipped", 0));
    }
}
