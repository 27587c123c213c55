package dev.harrier.core.profile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.harrier.core.engine.FieldResolver;
import dev.harrier.core.event.Event;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

class SourceProfileTest {
    private static final String PROFILES = """
            profiles:
              - name: defender
                has: [FolderPath, ActionType]
                when: {ActionType: [FileCreated]}
                masks: {AccessMask: 0x6}
                logsource: {product: windows, category: file_event}
                fields:
                  TargetFilename: [FolderPath]
                  User: ['{Domain}\\{Name}', Name]
            """;

    private static SourceProfile profile() {
        List<SourceProfile> profiles = ProfileSet.parse("test.yml", new StringReader(PROFILES));
        assertThat(profiles).hasSize(1);
        return profiles.get(0);
    }

    private static Event event(Object... keyValues) {
        Event.Builder builder = Event.builder("flat");
        for (int i = 0; i < keyValues.length; i += 2) {
            builder.put((String) keyValues[i], keyValues[i + 1]);
        }
        return builder.build();
    }

    @Test
    void templateJoinsFields() {
        FieldResolver resolver = profile().resolver();
        Event event = event("Domain", "OFFSEC", "Name", "admops");
        assertThat(resolver.resolve(event, "User")).isEqualTo("OFFSEC\\admops");
    }

    @Test
    void templateWithMissingPartFallsBack() {
        FieldResolver resolver = profile().resolver();
        assertThat(resolver.resolve(event("Name", "admops"), "User")).isEqualTo("admops");
        assertThat(resolver.resolve(event("Other", "x"), "User")).isNull();
    }

    @Test
    void acceptsOnlyMatchingRecords() {
        SourceProfile profile = profile();
        assertThat(profile.accepts(event("FolderPath", "C:\\x", "ActionType", "FileCreated",
                "AccessMask", "0x2"))).isTrue();
        assertThat(profile.accepts(event("FolderPath", "C:\\x", "ActionType", "FileDeleted",
                "AccessMask", "0x2"))).isFalse();
        assertThat(profile.accepts(event("FolderPath", "C:\\x", "ActionType", "FileCreated",
                "AccessMask", "0x1"))).isFalse();
        assertThat(profile.accepts(event("ActionType", "FileCreated", "AccessMask", "0x2")))
                .isFalse();
    }
}
