package dev.harrier.io.output;

import dev.harrier.core.correlation.CorrelationMatch;
import dev.harrier.core.correlation.EventRef;
import dev.harrier.core.event.Event;
import dev.harrier.core.rule.SigmaCorrelationRule;
import dev.harrier.core.event.FieldValues;
import dev.harrier.core.rule.SigmaRule;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/**
 * The view for people: one block per match (time, level, rule title; computer and the fields the
 * rule tested; where the record came from), then the run summary.
 *
 * <pre>
 * 2020-10-19 07:30:46.400Z  HIGH  PSEXEC Remote Execution File Artefact
 *     Computer: WORKSTATION5  TargetFilename: C:\Windows\PSEXEC-WORKSTATION5-C41D7B09.key
 *     Source: samples/json/sysmon-otrf-flat.jsonl line:2 (profile sysmon-11-file-event)
 * </pre>
 */
public final class TableMatchWriter implements MatchWriter {
    /** Maximum length of a field value shown; longer values are cut with an ellipsis. */
    static final int MAX_VALUE_LENGTH = 160;

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final PrintWriter out;

    public TableMatchWriter(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void write(MatchRecord match) {
        SigmaRule rule = match.match().rule();
        Event event = match.match().event();
        String time = event.timestamp() == null ? "-" : TIME.format(event.timestamp());
        String level = rule.level() == null ? "-" : rule.level().text().toUpperCase(java.util.Locale.ROOT);
        out.println(time + "  " + level + "  " + Printable.of(rule.title()));

        StringBuilder details = new StringBuilder("    ");
        String computer = FieldValues.scalarText(event.field("Computer"));
        if (computer != null) {
            details.append("Computer: ").append(Printable.of(computer));
        }
        for (Map.Entry<String, Object> field : match.keyFields().entrySet()) {
            if (details.length() > 4) {
                details.append("  ");
            }
            details.append(Printable.of(field.getKey())).append(": ")
                    .append(shorten(render(field.getValue())));
        }
        if (details.length() > 4) {
            out.println(details);
        }
        String profile = match.match().profile();
        out.println("    Source: " + Printable.of(match.path()) + " " + Printable.of(match.locator())
                + (profile == null ? "" : " (profile " + profile + ")"));
    }

    @Override
    public void writeCorrelation(CorrelationMatch match) {
        SigmaCorrelationRule rule = match.rule();
        String level = rule.level() == null ? "-" : rule.level().text().toUpperCase(java.util.Locale.ROOT);
        out.println(TIME.format(match.windowStart()) + "  " + level + "  " + Printable.of(rule.title()));
        StringBuilder group = new StringBuilder();
        match.group().forEach((field, value) -> group.append("  ").append(Printable.of(field))
                .append(": ").append(Printable.of(String.valueOf(value))));
        out.println("    Correlation: " + rule.type().text() + ", " + match.events().size()
                + " events until " + TIME.format(match.windowEnd()) + group);
        for (EventRef event : match.events()) {
            out.println("    Event: " + Printable.of(event.path() == null ? event.rule()
                    : event.path() + " " + event.locator()));
        }
    }

    private static String render(Object value) {
        String text = FieldValues.scalarText(value);
        return Printable.of(text != null ? text : String.valueOf(value));
    }

    private static String shorten(String text) {
        return text.length() <= MAX_VALUE_LENGTH ? text : text.substring(0, MAX_VALUE_LENGTH - 1) + "…";
    }

    @Override
    public void finish(RunSummary summary) throws IOException {
        out.println();
        out.print(summary.text());
        out.flush();
    }

    @Override
    public void close() {
        out.flush();
    }
}
