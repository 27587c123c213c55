package dev.harrier.io.detect;

/** The input formats that {@link ContentSniffer} detects from their first bytes. */
public enum InputFormat {
    /** A Windows event log file ({@code ElfFile} signature). */
    EVTX,
    /** An {@code $MFT} extract ({@code FILE0} or {@code FILE*} record signature). */
    MFT,
    /** A {@code $UsnJrnl:$J} extract (a valid USN record after any zeros). */
    USN_JOURNAL,
    /** Windows event XML (the first non-blank character is {@code <}). */
    XML,
    /** JSON or JSON lines (the first non-blank character is <code>{</code> or {@code [}). */
    JSON,
    /** Comma-separated text (the first line contains a comma and the head contains no NUL byte). */
    CSV,
    /** None of the above. */
    UNKNOWN
}
