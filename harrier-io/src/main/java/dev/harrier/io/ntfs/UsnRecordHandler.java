package dev.harrier.io.ntfs;

import dev.harrier.io.ReadProblem;

/** Receives the records of a USN journal in file order, or the regions that could not be read. */
public interface UsnRecordHandler {
    /** Receives one record. */
    void record(UsnRecord record);

    /** Receives a region that could not be read. Reading goes on after it. */
    void unreadable(ReadProblem problem);

    /** Called once after the last record of a file. */
    default void end() {}
}
