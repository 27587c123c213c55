package dev.harrier.core.correlation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.harrier.core.engine.FieldResolver;
import dev.harrier.core.engine.RuleMatch;
import dev.harrier.core.event.Event;
import dev.harrier.core.load.RuleLoader;
import dev.harrier.core.rule.SigmaRule;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CorrelationEngineTest {
    private static final String BASE = """
            title: failed logon
            name: failed_logon
            logsource: {product: windows, service: security}
            detection:
                selection: {EventID: 4625}
                condition: selection
            ---
            title: whoami
            name: whoami
            logsource: {product: windows, category: process_creation}
            detection:
                selection: {Image|endswith: '\\\\whoami.exe'}
                condition: selection
            ---
            title: net group
            name: net_group
            logsource: {product: windows, category: process_creation}
            detection:
                selection: {Image|endswith: '\\\\net.exe'}
                condition: selection
            """;

    private static RuleLoader.LoadResult load(String correlation) {
        RuleLoader.LoadResult result = new RuleLoader().loadText("c.yml", BASE + "---\n" + correlation);
        assertThat(result.errors()).isEmpty();
        return result;
    }

    private static Event event(String time, String... keyValues) {
        Event.Builder builder = Event.builder("test").timestamp(Instant.parse(time));
        for (int i = 0; i < keyValues.length; i += 2) {
            builder.put(keyValues[i], keyValues[i + 1]);
        }
        return builder.build();
    }

    private static SigmaRule rule(RuleLoader.LoadResult loaded, String name) {
        return loaded.rules().stream().filter(r -> name.equals(r.name())).findFirst().orElseThrow();
    }

    private static CorrelationEngine engine(RuleLoader.LoadResult loaded, int cap) {
        return new CorrelationEngine(loaded.correlations(), loaded.rules(), cap);
    }

    private static void feed(CorrelationEngine engine, SigmaRule rule, Event event, String locator) {
        engine.accept(new RuleMatch(rule, event, null), FieldResolver.DIRECT, "f.json", locator);
    }

    private static final String COUNT = """
            title: burst
            correlation:
                type: event_count
                rules: [failed_logon]
                group-by: [IpAddress]
                timespan: 5m
                condition: {gte: 3}
            """;

    @Test
    void eventCountFiresOncePerBurst() {
        RuleLoader.LoadResult loaded = load(COUNT);
        CorrelationEngine engine = engine(loaded, 100);
        SigmaRule failed = rule(loaded, "failed_logon");
        for (int i = 0; i < 6; i++) {
            feed(engine, failed, event("2024-05-01T10:00:0" + i + "Z", "IpAddress", "1.2.3.4"), "line:" + i);
        }
        List<CorrelationMatch> alerts = engine.finish();
        assertThat(alerts).hasSize(1);
        assertThat(alerts.get(0).events()).hasSize(6);
        assertThat(alerts.get(0).value()).isEqualTo(6.0);
        assertThat(alerts.get(0).group()).containsEntry("IpAddress", "1.2.3.4");
    }

    @Test
    void windowEdgeIsInclusive() {
        RuleLoader.LoadResult loaded = load(COUNT);
        CorrelationEngine engine = engine(loaded, 100);
        SigmaRule failed = rule(loaded, "failed_logon");
        feed(engine, failed, event("2024-05-01T10:00:00Z", "IpAddress", "a"), "1");
        feed(engine, failed, event("2024-05-01T10:02:00Z", "IpAddress", "a"), "2");
        feed(engine, failed, event("2024-05-01T10:05:00Z", "IpAddress", "a"), "3");
        assertThat(engine.finish()).hasSize(1);
    }

    @Test
    void windowEdgePlusOneSecondIsOutside() {
        RuleLoader.LoadResult loaded = load(COUNT);
        CorrelationEngine engine = engine(loaded, 100);
        SigmaRule failed = rule(loaded, "failed_logon");
        feed(engine, failed, event("2024-05-01T10:00:00Z", "IpAddress", "a"), "1");
        feed(engine, failed, event("2024-05-01T10:02:00Z", "IpAddress", "a"), "2");
        feed(engine, failed, event("2024-05-01T10:05:01Z", "IpAddress", "a"), "3");
        assertThat(engine.finish()).isEmpty();
    }

    @Test
    void outOfOrderEventsAreSortedByTime() {
        RuleLoader.LoadResult loaded = load(COUNT);
        CorrelationEngine engine = engine(loaded, 100);
        SigmaRule failed = rule(loaded, "failed_logon");
        feed(engine, failed, event("2024-05-01T10:04:00Z", "IpAddress", "a"), "3");
        feed(engine, failed, event("2024-05-01T09:00:00Z", "IpAddress", "a"), "0");
        feed(engine, failed, event("2024-05-01T10:00:00Z", "IpAddress", "a"), "1");
        feed(engine, failed, event("2024-05-01T10:01:00Z", "IpAddress", "a"), "2");
        List<CorrelationMatch> alerts = engine.finish();
        assertThat(alerts).hasSize(1);
        assertThat(alerts.get(0).events()).extracting(EventRef::locator).containsExactly("1", "2", "3");
        assertThat(alerts.get(0).windowStart()).isEqualTo(Instant.parse("2024-05-01T10:00:00Z"));
    }

    @Test
    void groupByMissingFieldTakesNoPart() {
        RuleLoader.LoadResult loaded = load(COUNT);
        CorrelationEngine engine = engine(loaded, 100);
        SigmaRule failed = rule(loaded, "failed_logon");
        feed(engine, failed, event("2024-05-01T10:00:00Z", "IpAddress", "a"), "1");
        feed(engine, failed, event("2024-05-01T10:00:01Z"), "2");
        feed(engine, failed, event("2024-05-01T10:00:02Z"), "3");
        feed(engine, failed, event("2024-05-01T10:00:03Z", "IpAddress", "b"), "4");
        assertThat(engine.finish()).isEmpty();
        assertThat(engine.unplacedEvents()).isEqualTo(2);
    }

    @Test
    void groupsAreSeparate() {
        RuleLoader.LoadResult loaded = load(COUNT);
        CorrelationEngine engine = engine(loaded, 100);
        SigmaRule failed = rule(loaded, "failed_logon");
        feed(engine, failed, event("2024-05-01T10:00:00Z", "IpAddress", "a"), "1");
        feed(engine, failed, event("2024-05-01T10:00:01Z", "IpAddress", "b"), "2");
        feed(engine, failed, event("2024-05-01T10:00:02Z", "IpAddress", "a"), "3");
        assertThat(engine.finish()).isEmpty();
    }

    @Test
    void stateCapDropsAndCounts() {
        RuleLoader.LoadResult loaded = load(COUNT);
        CorrelationEngine engine = engine(loaded, 2);
        SigmaRule failed = rule(loaded, "failed_logon");
        for (int i = 0; i < 5; i++) {
            feed(engine, failed, event("2024-05-01T10:00:0" + i + "Z", "IpAddress", "a"), "" + i);
        }
        assertThat(engine.finish()).isEmpty();
        assertThat(engine.droppedEvents()).isEqualTo(3);
    }

    @Test
    void referencedRulesDoNotReportUnlessGenerate() {
        RuleLoader.LoadResult loaded = load(COUNT);
        CorrelationEngine engine = engine(loaded, 10);
        assertThat(engine.reportsOwnMatches(rule(loaded, "failed_logon"))).isFalse();
        assertThat(engine.reportsOwnMatches(rule(loaded, "whoami"))).isTrue();
        RuleLoader.LoadResult generating = load(COUNT + "    generate: true\n");
        assertThat(engine(generating, 10).reportsOwnMatches(rule(generating, "failed_logon"))).isTrue();
    }

    @Test
    void valueCountCountsDistinctValues() {
        RuleLoader.LoadResult loaded = load("""
                title: spray
                correlation:
                    type: value_count
                    rules: [failed_logon]
                    group-by: [IpAddress]
                    timespan: 1h
                    condition: {gte: 3, field: TargetUserName}
                """);
        CorrelationEngine engine = engine(loaded, 100);
        SigmaRule failed = rule(loaded, "failed_logon");
        String[] users = {"a", "a", "b", "a", "c"};
        for (int i = 0; i < users.length; i++) {
            feed(engine, failed, event("2024-05-01T10:0" + i + ":00Z", "IpAddress", "x",
                    "TargetUserName", users[i]), "" + i);
        }
        List<CorrelationMatch> alerts = engine.finish();
        assertThat(alerts).hasSize(1);
        assertThat(alerts.get(0).value()).isEqualTo(3.0);
    }

    @Test
    void rangeConditionNeedsBothBounds() {
        RuleLoader.LoadResult loaded = load("""
                title: some
                correlation:
                    type: event_count
                    rules: [failed_logon]
                    group-by: [IpAddress]
                    timespan: 1h
                    condition: {gt: 1, lte: 2}
                """);
        CorrelationEngine engine = engine(loaded, 100);
        SigmaRule failed = rule(loaded, "failed_logon");
        for (int i = 0; i < 3; i++) {
            feed(engine, failed, event("2024-05-01T10:0" + i + ":00Z", "IpAddress", "x"), "" + i);
        }
        // Three events in one window exceed lte 2; the window from the second event contains two.
        List<CorrelationMatch> alerts = engine.finish();
        assertThat(alerts).hasSize(1);
        assertThat(alerts.get(0).events()).extracting(EventRef::locator).containsExactly("1", "2");
    }

    @Test
    void temporalNeedsEveryRuleInOneGroup() {
        RuleLoader.LoadResult loaded = load("""
                title: recon
                correlation:
                    type: temporal
                    rules: [whoami, net_group]
                    group-by: [Computer]
                    timespan: 5m
                """);
        CorrelationEngine engine = engine(loaded, 100);
        feed(engine, rule(loaded, "whoami"), event("2024-05-01T10:00:00Z", "Computer", "H1"), "1");
        feed(engine, rule(loaded, "net_group"), event("2024-05-01T10:01:00Z", "Computer", "H2"), "2");
        feed(engine, rule(loaded, "net_group"), event("2024-05-01T10:02:30Z", "Computer", "H1"), "3");
        List<CorrelationMatch> alerts = engine.finish();
        assertThat(alerts).hasSize(1);
        assertThat(alerts.get(0).group()).containsEntry("Computer", "H1");
        assertThat(alerts.get(0).events()).extracting(EventRef::locator).containsExactly("1", "3");
    }

    @Test
    void temporalOrderedNeedsTheOrder() {
        String correlation = """
                title: ordered
                correlation:
                    type: temporal_ordered
                    rules: [whoami, net_group]
                    group-by: [Computer]
                    timespan: 5m
                """;
        RuleLoader.LoadResult loaded = load(correlation);
        CorrelationEngine reversed = engine(loaded, 100);
        feed(reversed, rule(loaded, "net_group"), event("2024-05-01T10:00:00Z", "Computer", "H"), "1");
        feed(reversed, rule(loaded, "whoami"), event("2024-05-01T10:01:00Z", "Computer", "H"), "2");
        assertThat(reversed.finish()).isEmpty();

        CorrelationEngine ordered = engine(loaded, 100);
        feed(ordered, rule(loaded, "whoami"), event("2024-05-01T10:00:00Z", "Computer", "H"), "1");
        feed(ordered, rule(loaded, "net_group"), event("2024-05-01T10:01:00Z", "Computer", "H"), "2");
        assertThat(ordered.finish()).hasSize(1);
    }

    @Test
    void aliasesMapGroupFieldPerRule() {
        RuleLoader.LoadResult loaded = load("""
                title: aliased
                correlation:
                    type: temporal
                    rules: [whoami, failed_logon]
                    group-by: [host]
                    timespan: 5m
                    aliases:
                        host:
                            whoami: Computer
                            failed_logon: WorkstationName
                """);
        CorrelationEngine engine = engine(loaded, 100);
        feed(engine, rule(loaded, "whoami"), event("2024-05-01T10:00:00Z", "Computer", "H"), "1");
        feed(engine, rule(loaded, "failed_logon"),
                event("2024-05-01T10:01:00Z", "WorkstationName", "H"), "2");
        List<CorrelationMatch> alerts = engine.finish();
        assertThat(alerts).hasSize(1);
        assertThat(alerts.get(0).group()).containsEntry("host", "H");
    }

    @Test
    void valueSumAndChainedCorrelation() {
        RuleLoader.LoadResult loaded = load("""
                title: volume
                name: volume
                correlation:
                    type: value_sum
                    rules: [failed_logon]
                    group-by: [IpAddress]
                    timespan: 1h
                    condition: {gte: 10, field: Bytes}
                ---
                title: repeated volume
                correlation:
                    type: event_count
                    rules: [volume]
                    group-by: [IpAddress]
                    timespan: 1d
                    condition: {gte: 2}
                """);
        CorrelationEngine engine = engine(loaded, 100);
        SigmaRule failed = rule(loaded, "failed_logon");
        feed(engine, failed, event("2024-05-01T10:00:00Z", "IpAddress", "x", "Bytes", "6"), "1");
        feed(engine, failed, event("2024-05-01T10:10:00Z", "IpAddress", "x", "Bytes", "5"), "2");
        feed(engine, failed, event("2024-05-01T14:00:00Z", "IpAddress", "x", "Bytes", "12"), "3");
        List<CorrelationMatch> alerts = engine.finish();
        assertThat(alerts).extracting(a -> a.rule().title()).containsExactly("repeated volume");
    }

    @Test
    void percentileAndMedian() {
        RuleLoader.LoadResult loaded = load("""
                title: slow
                correlation:
                    type: value_median
                    rules: [failed_logon]
                    group-by: [IpAddress]
                    timespan: 1h
                    condition: {gt: 4, field: Duration}
                """);
        CorrelationEngine engine = engine(loaded, 100);
        SigmaRule failed = rule(loaded, "failed_logon");
        String[] durations = {"1", "5", "9"};
        for (int i = 0; i < durations.length; i++) {
            feed(engine, failed, event("2024-05-01T10:0" + i + ":00Z", "IpAddress", "x", "Duration",
                    durations[i]), "" + i);
        }
        List<CorrelationMatch> alerts = engine.finish();
        assertThat(alerts).hasSize(1);
        assertThat(alerts.get(0).value()).isEqualTo(5.0);
    }

    @Test
    void rejectsHugeTimespan() {
        for (String timespan : new String[] {"99999999999999999999d", "106751991167301d", "4000d"}) {
            RuleLoader.LoadResult result = new RuleLoader().loadText("c.yml", """
                    title: huge
                    correlation:
                        type: event_count
                        rules: [x]
                        timespan: %s
                        condition: {gte: 2}
                    """.formatted(timespan));
            assertThat(result.correlations()).as(timespan).isEmpty();
            assertThat(result.errors().get(0).message()).contains("timespan is longer than");
        }
    }

    @Test
    void rejectsCorrelationWithoutTimespan() {
        RuleLoader.LoadResult result = new RuleLoader().loadText("c.yml", """
                title: bad
                correlation:
                    type: event_count
                    rules: [x]
                    condition: {gte: 2}
                """);
        assertThat(result.correlations()).isEmpty();
        assertThat(result.errors().get(0).message()).contains("timespan");
    }
}
