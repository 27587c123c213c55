package dev.harrier.io.output;

import dev.harrier.core.rule.SigmaLevel;
import java.util.EnumMap;
import java.util.Map;

/**
 * Counts for the end of a run: what was read, what could not be, and what matched.
 *
 * @param matchesByLevel matches per rule level; rules without a level count as informational
 */
public record RunSummary(
        int files,
        int filesSkipped,
        long recordsRead,
        long recordsUnreadable,
        int readProblems,
        Map<SigmaLevel, Long> matchesByLevel,
        int rulesLoaded,
        int rulesRejected) {

    public RunSummary {
        matchesByLevel = Map.copyOf(new EnumMap<>(matchesByLevel.isEmpty()
                ? Map.of(SigmaLevel.INFORMATIONAL, 0L) : matchesByLevel));
    }

    public long totalMatches() {
        return matchesByLevel.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Returns the summary as the lines a person reads at the end of a run. */
    public String text() {
        StringBuilder levels = new StringBuilder();
        for (SigmaLevel level : SigmaLevel.values()) {
            long count = matchesByLevel.getOrDefault(level, 0L);
            if (count > 0) {
                levels.append(levels.length() == 0 ? "" : ", ").append(level.text()).append(' ')
                        .append(count);
            }
        }
        return "Files: " + files
                + (filesSkipped > 0 ? " (" + filesSkipped + " skipped: not a log format)" : "") + "\n"
                + "Records read: " + recordsRead + ", unreadable: " + recordsUnreadable
                + (readProblems > 0 ? " (" + readProblems + (readProblems == 1 ? " problem" : " problems")
                        + " reported)" : "") + "\n"
                + "Matches: " + totalMatches() + (levels.length() > 0 ? " (" + levels + ")" : "") + "\n"
                + "Rules loaded: " + rulesLoaded + ", rejected: " + rulesRejected + "\n";
    }
}
