package dev.harrier.io.evtx;

/**
 * Settings of an EVTX read.
 *
 * @param parallelism how many chunks are parsed at once; 1 parses on the calling thread only
 * @param verifyChecksums whether to check the CRC32 of the file header, each chunk header and each
 *     chunk's event records. A mismatch is reported, and the records are still read.
 */
public record EvtxReadOptions(int parallelism, boolean verifyChecksums) {
    /** Upper bound of the default parallelism, so one read leaves cores for the rule engine. */
    private static final int MAX_DEFAULT_PARALLELISM = 4;

    public EvtxReadOptions {
        if (parallelism < 1) {
            throw new IllegalArgumentException(
                    "parallelism must be at least 1, found " + parallelism);
        }
    }

    /** Returns options with checksums verified and one thread per processor, at most four. */
    public static EvtxReadOptions defaults() {
        int processors = Runtime.getRuntime().availableProcessors();
        return new EvtxReadOptions(Math.min(processors, MAX_DEFAULT_PARALLELISM), true);
    }

    public EvtxReadOptions withParallelism(int parallelism) {
        return new EvtxReadOptions(parallelism, verifyChecksums);
    }

    public EvtxReadOptions withVerifyChecksums(boolean verifyChecksums) {
        return new EvtxReadOptions(parallelism, verifyChecksums);
    }
}
