package dev.harrier.io.ntfs;

import dev.harrier.core.event.Event;
import dev.harrier.io.ReadProblem;
import dev.harrier.io.RecordSink;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Reads an {@code $MFT} extract: one event of shape {@value #SHAPE} per base FILE record that has a
 * {@code $FILE_NAME}, in entry order, locator {@code entry:N}.
 *
 * <p>The reader makes two passes: the first builds an {@link MftIndex} for paths, the second sends
 * the events. A record whose fixups or attributes are broken becomes a {@link ReadProblem} and
 * reading goes on. Records that are all zeros (never used) and extension records (their names count
 * for their base entry) send nothing.
 *
 * <p>Fields: {@code TargetFilename} (full path from the preferred name, Win32 first), {@code
 * FileName}, {@code FileNameNamespace}, {@code FileNames} (every name), {@code EntryNumber}, {@code
 * SequenceNumber}, {@code ParentEntry}, {@code ParentSequence}, {@code InUse}, {@code IsDirectory},
 * {@code HardLinkCount}, the {@code $STANDARD_INFORMATION} times {@code Created}, {@code Modified},
 * {@code MftModified}, {@code Accessed} and {@code CreationUtcTime} (= {@code Created}), the
 * preferred name's times {@code FnCreated}, {@code FnModified}, {@code FnMftModified}, {@code
 * FnAccessed}, {@code FileAttributes} and {@code FileAttributeFlags}. Times are ISO-8601 UTC with
 * seven fraction digits.
 */
public final class MftReader {
    /** The shape of an event made from one MFT entry. */
    public static final String SHAPE = "mft";

    private final String volumePrefix;

    /**
     * Creates a reader whose paths start with {@code volumePrefix}: {@code C:} gives {@code
     * C:\Windows\notepad.exe}, the empty string gives {@code \Windows\notepad.exe}. An {@code $MFT}
     * does not record its drive letter, so the caller has to choose.
     */
    public MftReader(String volumePrefix) {
        this.volumePrefix = Objects.requireNonNull(volumePrefix, "volumePrefix");
    }

    /** Sends the entries of {@code mft} to {@code sink}. */
    public void read(Path mft, RecordSink sink) throws IOException {
        read(mft, MftIndex.build(mft), sink);
    }

    /** Sends the entries of {@code mft} to {@code sink}, with paths from an index already built. */
    public void read(Path mft, MftIndex index, RecordSink sink) throws IOException {
        NtfsPathResolver resolver = index.pathResolver(volumePrefix);
        String path = mft.toString();
        MftRecords.forEach(
                mft,
                (entryNumber, offset, bytes) -> {
                    MftEntry entry;
                    try {
                        entry = MftRecordParser.parse(bytes, entryNumber, offset);
                    } catch (NtfsFormatException e) {
                        sink.unreadable(
                                new ReadProblem(path, "entry:" + entryNumber, e.getMessage(), 1));
                        return;
                    }
                    if (entry == null || entry.baseRecord() != null) {
                        return;
                    }
                    Event event = toEvent(entry, index, resolver);
                    if (event != null) {
                        sink.record(event, "entry:" + entryNumber);
                    }
                });
    }

    /**
     * Returns true when {@code head} starts with a FILE record signature and an update sequence
     * array offset of 0x30 or 0x2a: the bytes {@code FILE0\0} of current NTFS versions, or {@code
     * FILE*\0} of NTFS 3.0 and earlier.
     */
    public static boolean looksLikeMft(byte[] head, int length) {
        return length >= 6
                && head[0] == 'F'
                && head[1] == 'I'
                && head[2] == 'L'
                && head[3] == 'E'
                && (head[4] == 0x30 || head[4] == 0x2a)
                && head[5] == 0;
    }

    private Event toEvent(MftEntry entry, MftIndex index, NtfsPathResolver resolver) {
        FileNameAttribute preferred = entry.preferredName();
        String name;
        FileReference parent;
        if (preferred != null) {
            name = preferred.name();
            parent = preferred.parent();
        } else {
            MftIndex.Node node = index.node(entry.entryNumber());
            if (node == null || node.name() == null) {
                return null;
            }
            name = node.name();
            parent = node.parent();
        }

        Event.Builder event = Event.builder(SHAPE);
        boolean root = entry.entryNumber() == NtfsPathResolver.ROOT_ENTRY;
        event.put("TargetFilename", root ? volumePrefix + "\\" : resolver.filePath(parent, name));
        event.put("FileName", name);
        if (preferred != null) {
            event.put("FileNameNamespace", preferred.namespaceName());
        }
        List<String> names = new ArrayList<>();
        for (FileNameAttribute fileName : entry.fileNames()) {
            names.add(fileName.name());
        }
        event.put("FileNames", List.copyOf(names));
        event.put("EntryNumber", entry.entryNumber());
        event.put("SequenceNumber", (long) entry.sequenceNumber());
        event.put("ParentEntry", parent.entry());
        event.put("ParentSequence", (long) parent.sequence());
        event.put("InUse", entry.inUse());
        event.put("IsDirectory", entry.directory());
        event.put("HardLinkCount", (long) entry.hardLinkCount());

        StandardInformation si = entry.standardInformation();
        Instant created = null;
        if (si != null) {
            created = si.created();
            putTime(event, "Created", si.created());
            putTime(event, "Modified", si.modified());
            putTime(event, "MftModified", si.mftModified());
            putTime(event, "Accessed", si.accessed());
            putTime(event, "CreationUtcTime", si.created());
            event.put("FileAttributes", FileAttributes.names(si.fileAttributes()));
            event.put("FileAttributeFlags", si.fileAttributes());
        }
        if (preferred != null) {
            putTime(event, "FnCreated", preferred.created());
            putTime(event, "FnModified", preferred.modified());
            putTime(event, "FnMftModified", preferred.mftModified());
            putTime(event, "FnAccessed", preferred.accessed());
        }
        return event.timestamp(created)
                .recordId(entry.entryNumber() + "-" + entry.sequenceNumber())
                .build();
    }

    private static void putTime(Event.Builder event, String field, Instant time) {
        if (time != null) {
            event.put(field, Filetime.format(time));
        }
    }
}
