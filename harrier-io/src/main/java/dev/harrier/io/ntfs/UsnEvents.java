package dev.harrier.io.ntfs;

import dev.harrier.core.event.Event;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds events from USN records, with the field names of {@code USN_RECORD_V2}. */
public final class UsnEvents {
    /** The shape of an event made from one USN record. */
    public static final String SHAPE = "usn";

    /** The shape of an event that stands for one file creation, collapsed from its records. */
    public static final String CREATION_SHAPE = "usn_creation";

    private UsnEvents() {}

    /** Returns {@code usn:N}, the locator of a record. */
    public static String locator(UsnRecord record) {
        return "usn:" + record.usn();
    }

    /**
     * Returns the full path of the record's file, with an unknown-parent marker where the parent
     * cannot be resolved, or null for a V4 record, which has no name.
     */
    public static String targetFilename(UsnRecord record, NtfsPathResolver resolver) {
        if (record.fileName() == null) {
            return null;
        }
        FileReference parent = record.parentReference();
        if (parent == null) {
            return "<unknown parent 0x" + record.parentIdText() + ">\\" + record.fileName();
        }
        return resolver.filePath(parent, record.fileName());
    }

    /**
     * Returns the event of one record, with {@code TargetFilename} resolved by {@code resolver}.
     */
    public static Event recordEvent(UsnRecord record, NtfsPathResolver resolver) {
        Event.Builder event = Event.builder(SHAPE);
        event.put("Usn", record.usn());
        if (record.timestamp() != null) {
            event.put("TimeStamp", Filetime.format(record.timestamp()));
        }
        if (record.fileName() != null) {
            event.put("FileName", record.fileName());
            event.put("TargetFilename", targetFilename(record, resolver));
        }
        putReferences(event, record);
        event.put("Reason", UsnReason.names(record.reason()));
        event.put("ReasonFlags", record.reason());
        if (record.fileAttributes() != null) {
            event.put("FileAttributes", FileAttributes.names(record.fileAttributes()));
            event.put("FileAttributeFlags", record.fileAttributes());
        }
        event.put("SourceInfo", record.sourceInfo());
        if (record.securityId() != null) {
            event.put("SecurityId", record.securityId());
        }
        event.put("MajorVersion", (long) record.majorVersion());
        event.put("MinorVersion", (long) record.minorVersion());
        event.put("RecordLength", (long) record.recordLength());
        if (record.majorVersion() == 4) {
            event.put("RemainingExtents", record.remainingExtents());
            event.put("NumberOfExtents", (long) record.extents().size());
            event.put("Extents", extentMaps(record.extents()));
        }
        return event.timestamp(record.timestamp()).recordId(Long.toString(record.usn())).build();
    }

    /** Puts the file and parent references as hex ids and as entry and sequence numbers. */
    static void putReferences(Event.Builder event, UsnRecord record) {
        event.put("FileReferenceNumber", record.fileIdText());
        FileReference file = record.fileReference();
        if (file != null) {
            event.put("FileEntry", file.entry());
            event.put("FileSequence", (long) file.sequence());
        }
        event.put("ParentFileReferenceNumber", record.parentIdText());
        FileReference parent = record.parentReference();
        if (parent != null) {
            event.put("ParentEntry", parent.entry());
            event.put("ParentSequence", (long) parent.sequence());
        }
    }

    private static List<Map<String, Object>> extentMaps(List<UsnExtent> extents) {
        List<Map<String, Object>> maps = new ArrayList<>(extents.size());
        for (UsnExtent extent : extents) {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("Offset", extent.offset());
            map.put("Length", extent.length());
            maps.add(map);
        }
        return List.copyOf(maps);
    }
}
