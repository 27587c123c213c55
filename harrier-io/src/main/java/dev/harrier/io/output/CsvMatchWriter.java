package dev.harrier.io.output;

import dev.harrier.core.correlation.CorrelationMatch;
import dev.harrier.core.event.Event;
import dev.harrier.core.rule.SigmaCorrelationRule;
import dev.harrier.core.event.FieldValues;
import dev.harrier.core.rule.SigmaRule;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

/**
 * One CSV row per match (RFC 4180 quoting), with a header row. The {@code details} column contains the
 * fields the rule tested as {@code name=value} pairs joined by {@code ¦}.
 */
public final class CsvMatchWriter implements MatchWriter {
    static final List<String> HEADER = List.of("timestamp", "level", "rule_title", "rule_id",
            "computer", "details", "path", "locator", "profile");

    private final PrintWriter out;

    public CsvMatchWriter(PrintWriter out) {
        this.out = out;
        row(HEADER.toArray(new String[0]));
    }

    @Override
    public void write(MatchRecord match) {
        SigmaRule rule = match.match().rule();
        Event event = match.match().event();
        StringBuilder details = new StringBuilder();
        for (Map.Entry<String, Object> field : match.keyFields().entrySet()) {
            if (details.length() > 0) {
                details.append(" ¦ ");
            }
            String text = FieldValues.scalarText(field.getValue());
            details.append(field.getKey()).append('=').append(text != null ? text : field.getValue());
        }
        row(event.timestamp() == null ? "" : event.timestamp().toString(),
                rule.level() == null ? "" : rule.level().text(),
                rule.title(),
                rule.id() == null ? "" : rule.id(),
                nullToEmpty(FieldValues.scalarText(event.field("Computer"))),
                details.toString(),
                match.path(),
                match.locator(),
                nullToEmpty(match.match().profile()));
    }

    @Override
    public void writeCorrelation(CorrelationMatch match) {
        SigmaCorrelationRule rule = match.rule();
        StringBuilder details = new StringBuilder("correlation=").append(rule.type().text());
        match.group().forEach((field, value) -> details.append(" ¦ ").append(field).append('=')
                .append(value));
        details.append(" ¦ events=").append(match.events().size());
        row(match.windowStart().toString(),
                rule.level() == null ? "" : rule.level().text(),
                rule.title(),
                rule.id() == null ? "" : rule.id(),
                "",
                details.toString(),
                "",
                "",
                "");
    }

    private static String nullToEmpty(String text) {
        return text == null ? "" : text;
    }

    private void row(String... cells) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                line.append(',');
            }
            line.append(quote(cells[i]));
        }
        out.print(line);
        out.print("\r\n");
    }

    static String quote(String value) {
        String cell = neutralise(value);
        boolean needsQuotes = cell.indexOf(',') >= 0 || cell.indexOf('"') >= 0
                || cell.indexOf('\n') >= 0 || cell.indexOf('\r') >= 0;
        return needsQuotes ? '"' + cell.replace("\"", "\"\"") + '"' : cell;
    }

    /**
     * Prefixes a cell that a spreadsheet would run as a formula ({@code =}, {@code +}, {@code -},
     * {@code @}, tab or carriage return first) with an apostrophe, so that opening the output
     * never executes text taken from logs.
     */
    static String neutralise(String cell) {
        if (!cell.isEmpty() && "=+-@\t\r".indexOf(cell.charAt(0)) >= 0) {
            return "'" + cell;
        }
        return cell;
    }

    @Override
    public void finish(RunSummary summary) {
        out.flush();
    }

    @Override
    public void close() {
        out.flush();
    }
}
