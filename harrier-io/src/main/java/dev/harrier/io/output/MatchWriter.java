package dev.harrier.io.output;

import java.io.Closeable;
import dev.harrier.core.correlation.CorrelationMatch;
import java.io.IOException;

/**
 * Writes matches in one output format. Writers are used from one thread and never close the
 * stream they write to: its owner does.
 */
public interface MatchWriter extends Closeable {
    void write(MatchRecord match) throws IOException;

    /** Writes one correlation alert. */
    void writeCorrelation(CorrelationMatch match) throws IOException;

    /** Writes whatever the format puts after the matches (the table's summary) and flushes. */
    void finish(RunSummary summary) throws IOException;
}
