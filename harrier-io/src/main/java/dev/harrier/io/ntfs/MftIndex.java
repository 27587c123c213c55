package dev.harrier.io.ntfs;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The names and parents of every entry of an {@code $MFT}, which is what path resolution needs.
 * Built in one pass over the file; records that cannot be read are left out (the {@link MftReader}
 * reports them).
 *
 * <p>Memory grows with the entry count: about 100 bytes per named entry plus its name (an estimate,
 * not measured).
 */
public final class MftIndex {
    private static final Logger LOG = LoggerFactory.getLogger(MftIndex.class);

    private final List<Node> nodes;
    private final int recordSize;

    private MftIndex(List<Node> nodes, int recordSize) {
        this.nodes = nodes;
        this.recordSize = recordSize;
    }

    /** The name and parent of one entry, from its preferred {@code $FILE_NAME}. */
    record Node(
            int sequence, boolean inUse, boolean directory, String name, FileReference parent) {}

    /** Reads {@code mft} and returns its index. */
    public static MftIndex build(Path mft) throws IOException {
        List<Node> nodes = new ArrayList<>();
        Map<Long, ExtensionName> extensionNames = new HashMap<>();
        int recordSize =
                MftRecords.forEach(
                        mft,
                        (entryNumber, offset, bytes) -> {
                            MftEntry entry = parseOrNull(bytes, entryNumber, offset);
                            if (entry == null) {
                                return;
                            }
                            FileNameAttribute name = entry.preferredName();
                            if (entry.baseRecord() != null) {
                                if (name != null) {
                                    extensionNames.putIfAbsent(
                                            entry.baseRecord().entry(),
                                            new ExtensionName(entry.baseRecord().sequence(), name));
                                }
                                return;
                            }
                            set(nodes, entryNumber, toNode(entry, name));
                        });
        for (Map.Entry<Long, ExtensionName> extension : extensionNames.entrySet()) {
            long entry = extension.getKey();
            Node base = entry < nodes.size() ? nodes.get((int) entry) : null;
            ExtensionName name = extension.getValue();
            if (base != null && base.name() == null && base.sequence() == name.baseSequence()) {
                FileNameAttribute fileName = name.fileName();
                nodes.set(
                        (int) entry,
                        new Node(
                                base.sequence(),
                                base.inUse(),
                                base.directory(),
                                fileName.name(),
                                fileName.parent()));
            }
        }
        LOG.debug("Indexed {} MFT entries of {}", nodes.size(), mft);
        return new MftIndex(nodes, recordSize);
    }

    /** Returns the size in bytes of the FILE records of the indexed {@code $MFT}. */
    public int recordSize() {
        return recordSize;
    }

    /**
     * Returns a resolver that builds paths from this index, starting with {@code volumePrefix}.
     *
     * @param volumePrefix the text before the root backslash, such as {@code C:}, or empty to write
     *     {@code \Windows} when the drive letter is not known
     */
    public NtfsPathResolver pathResolver(String volumePrefix) {
        return new MftPathResolver(this, volumePrefix);
    }

    /** Returns the node of {@code entry}, or null when the entry is missing or unreadable. */
    Node node(long entry) {
        return entry >= 0 && entry < nodes.size() ? nodes.get((int) entry) : null;
    }

    private static MftEntry parseOrNull(byte[] bytes, long entryNumber, long offset) {
        try {
            return MftRecordParser.parse(bytes, entryNumber, offset);
        } catch (NtfsFormatException e) {
            return null;
        }
    }

    private static Node toNode(MftEntry entry, FileNameAttribute name) {
        return new Node(
                entry.sequenceNumber(),
                entry.inUse(),
                entry.directory(),
                name == null ? null : name.name(),
                name == null ? null : name.parent());
    }

    private static void set(List<Node> nodes, long entryNumber, Node node) {
        while (nodes.size() <= entryNumber) {
            nodes.add(null);
        }
        nodes.set((int) entryNumber, node);
    }

    private record ExtensionName(int baseSequence, FileNameAttribute fileName) {}
}
