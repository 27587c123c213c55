package dev.harrier.io.ntfs;

import dev.harrier.core.event.Event;
import dev.harrier.io.ReadProblem;
import dev.harrier.io.RecordSink;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Collapses the several USN records of one file creation into one event of shape {@value
 * UsnEvents#CREATION_SHAPE}, the journal's counterpart of a Sysmon file-creation event.
 *
 * <p>Windows keeps adding reasons to a file's records until the last handle closes: {@code
 * FILE_CREATE}, then {@code FILE_CREATE|DATA_EXTEND}, then {@code ...|CLOSE}. A creation starts at
 * a record with {@code FILE_CREATE} for a file reference that has no creation open, and ends at the
 * next record of that reference with {@code CLOSE}. V4 records carry no name and are ignored.
 *
 * <p>Events are sent in the order of their first records, each once its creation has closed, so an
 * event waits while an earlier creation is still open. Creations still open at the end of the
 * journal are sent then, with {@code Closed} false.
 *
 * <p>The event holds {@code TargetFilename} (the full path at creation), {@code FileName}, {@code
 * CreationUtcTime} (ISO-8601 UTC, from the first record), {@code Usn} of the first record (also the
 * locator {@code usn:N}), {@code LastUsn}, {@code RecordCount}, {@code Reason} and {@code
 * ReasonFlags} accumulated over all records, the file and parent references, and {@code RenamedTo}
 * when the file was renamed before the creation closed.
 */
public final class UsnFileCreations implements UsnRecordHandler {
    /**
     * The maximum number of creations held back at once, open or waiting for an earlier one. A file
     * that stays open, or a journal cut short, would otherwise hold back every later creation.
     * Beyond this count the oldest creation is sent as it is, with {@code Closed} false when it is
     * still open, and its later records are absorbed without a second event.
     *
     * <p>NOTE: when more than this many files are open at once, the oldest creations already sent
     * are forgotten, and a later record of one of them with {@code FILE_CREATE} starts a new one.
     */
    public static final int MAX_PENDING_CREATIONS = 100_000;

    private final NtfsPathResolver resolver;
    private final RecordSink sink;
    private final Map<String, Creation> open = new LinkedHashMap<>();
    private final Deque<Creation> waiting = new ArrayDeque<>();

    public UsnFileCreations(NtfsPathResolver resolver, RecordSink sink) {
        this.resolver = Objects.requireNonNull(resolver, "resolver");
        this.sink = Objects.requireNonNull(sink, "sink");
    }

    @Override
    public void record(UsnRecord record) {
        if (record.fileName() == null) {
            return;
        }
        String key = record.fileIdText();
        Creation creation = open.get(key);
        if (creation == null) {
            if (!record.hasReason(UsnReason.FILE_CREATE)) {
                return;
            }
            creation = new Creation(record);
            open.put(key, creation);
            waiting.add(creation);
        } else {
            creation.add(record);
        }
        if (record.hasReason(UsnReason.CLOSE)) {
            creation.closed = true;
            open.remove(key);
        }
        sendReady();
    }

    @Override
    public void unreadable(ReadProblem problem) {
        sink.unreadable(problem);
    }

    @Override
    public void end() {
        while (!waiting.isEmpty()) {
            send(waiting.poll());
        }
        open.clear();
    }

    /** Sends the closed creations at the head of the queue, then enforces the pending limit. */
    private void sendReady() {
        while (!waiting.isEmpty() && waiting.peek().closed) {
            send(waiting.poll());
        }
        while (waiting.size() > MAX_PENDING_CREATIONS) {
            send(waiting.poll());
        }
        if (open.size() > MAX_PENDING_CREATIONS) {
            Iterator<Creation> eldest = open.values().iterator();
            while (eldest.hasNext() && open.size() > MAX_PENDING_CREATIONS) {
                if (eldest.next().sent) {
                    eldest.remove();
                }
            }
        }
    }

    private void send(Creation creation) {
        creation.sent = true;
        boolean closed = creation.closed;
        UsnRecord first = creation.first;
        UsnRecord last = creation.last;
        Event.Builder event = Event.builder(UsnEvents.CREATION_SHAPE);
        String target = UsnEvents.targetFilename(first, resolver);
        event.put("TargetFilename", target);
        event.put("FileName", first.fileName());
        event.put("CreationUtcTime", Filetime.format(first.timestamp()));
        event.put("Usn", first.usn());
        event.put("LastUsn", last.usn());
        event.put("RecordCount", (long) creation.recordCount);
        event.put("Reason", UsnReason.names(creation.reasons));
        event.put("ReasonFlags", creation.reasons);
        UsnEvents.putReferences(event, first);
        if (last.fileAttributes() != null) {
            event.put("FileAttributes", FileAttributes.names(last.fileAttributes()));
        }
        String finalPath = UsnEvents.targetFilename(last, resolver);
        if (!finalPath.equals(target)) {
            event.put("RenamedTo", finalPath);
        }
        event.put("Closed", closed);
        event.timestamp(first.timestamp()).recordId(Long.toString(first.usn()));
        sink.record(event.build(), UsnEvents.locator(first));
    }

    /** The records of one creation seen so far. */
    private static final class Creation {
        final UsnRecord first;
        UsnRecord last;
        long reasons;
        int recordCount = 1;
        boolean closed;
        boolean sent;

        Creation(UsnRecord first) {
            this.first = first;
            this.last = first;
            this.reasons = first.reason();
        }

        void add(UsnRecord record) {
            last = record;
            reasons |= record.reason();
            recordCount++;
        }
    }
}
