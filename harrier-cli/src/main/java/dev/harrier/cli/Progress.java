package dev.harrier.cli;

import java.io.PrintWriter;

/**
 * A one-line progress display on standard error, shown only when it is a terminal, redrawn at most
 * a few times a second.
 */
final class Progress {
    private static final long REDRAW_NANOS = 250_000_000L;

    private final PrintWriter err;
    private final boolean enabled;
    private String file = "";
    private long records;
    private long lastDraw;
    private boolean shown;

    Progress(PrintWriter err, boolean enabled) {
        this.err = err;
        this.enabled = enabled;
    }

    void file(String name) {
        file = name;
        draw(true);
    }

    void record() {
        records++;
        if (enabled && (records & 1023) == 0) {
            draw(false);
        }
    }

    private void draw(boolean force) {
        if (!enabled) {
            return;
        }
        long now = System.nanoTime();
        if (!force && now - lastDraw < REDRAW_NANOS) {
            return;
        }
        lastDraw = now;
        String name = file.length() > 60 ? "…" + file.substring(file.length() - 59) : file;
        err.print("\r\u001b[K" + records + " records  " + name);
        err.flush();
        shown = true;
    }

    /** Erases the progress line before other output goes to standard error. */
    void clear() {
        if (enabled && shown) {
            err.print("\r\u001b[K");
            err.flush();
            shown = false;
        }
    }

    void done() {
        clear();
    }
}
