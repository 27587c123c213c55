package dev.harrier.io;

/** The format of an input file or archive member, as {@link InputFormats#detect} finds it. */
public enum InputFormat {
    /** JSON Lines, a JSON array of objects, or JSON objects written one after another. */
    JSON,
    /** A ZIP archive ({@code PK\3\4}). */
    ZIP,
    /** A gzip stream ({@code 1f 8b}). */
    GZIP,
    /** A Windows XML Event Log file ({@code ElfFile\0}). */
    EVTX,
    /** XML text, such as an event log exported as XML. */
    XML,
    /** Comma-separated values with a header line. */
    CSV,
    /** An NTFS master file table ({@code $MFT}), FILE records of 1,024 bytes. */
    MFT,
    /** An NTFS change journal ({@code $UsnJrnl:$J}) of USN_RECORD_V2, V3 or V4 records. */
    USN,
    /** None of the above. */
    UNKNOWN
}
