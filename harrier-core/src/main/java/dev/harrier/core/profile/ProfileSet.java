package dev.harrier.core.profile;

import dev.harrier.core.event.Event;
import dev.harrier.core.rule.SigmaLogSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * The source profiles in use, loaded from YAML resources (bundled ones first, then any the
 * user adds, which replace bundled profiles of the same name).
 *
 * <p>File format:
 *
 * <pre>
 * sources:                       # named record identities, shared by profiles
 *   sysmon:
 *     channels: [Microsoft-Windows-Sysmon/Operational]
 *     providers: [Microsoft-Windows-Sysmon]
 * profiles:
 *   - name: sysmon-file_event
 *     source: sysmon
 *     when: {EventID: [11]}
 *     logsource: {product: windows, category: file_event}
 *     fields: {Image: [ProcessName]}   # optional Sigma name to record names
 *   - name: security-4663-file-event
 *     source: security
 *     when: {EventID: [4663], ObjectType: [File]}
 *     masks: {AccessMask: 0x6}            # WriteData or AppendData
 *     logsource: {product: windows, category: file_event}
 *   - name: defender-file-event
 *     has: [FolderPath, ActionType]       # fields the record must have
 *     shapes: [csv, flat]                 # record layouts accepted
 * </pre>
 */
public final class ProfileSet {
    /** The bundled profile resources, in load order. */
    public static final List<String> BUNDLED = List.of("/profiles/windows.yml", "/profiles/file-sources.yml");

    private final List<SourceProfile> profiles;

    public ProfileSet(List<SourceProfile> profiles) {
        this.profiles = List.copyOf(profiles);
    }

    /** Loads the bundled profiles. */
    public static ProfileSet bundled() {
        List<SourceProfile> all = new ArrayList<>();
        for (String resource : BUNDLED) {
            try (InputStream in = ProfileSet.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("bundled profile resource missing: " + resource);
                }
                String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                all.addAll(parse(resource, new StringReader(text)));
            } catch (IOException e) {
                throw new IllegalStateException("cannot read bundled profile " + resource, e);
            }
        }
        return new ProfileSet(all);
    }

    /** Returns a set with {@code extra} added; an extra profile replaces a bundled one of the same name. */
    public ProfileSet with(List<SourceProfile> extra) {
        Map<String, SourceProfile> byName = new LinkedHashMap<>();
        for (SourceProfile profile : profiles) {
            byName.put(profile.name(), profile);
        }
        for (SourceProfile profile : extra) {
            byName.put(profile.name(), profile);
        }
        return new ProfileSet(new ArrayList<>(byName.values()));
    }

    public List<SourceProfile> profiles() {
        return profiles;
    }

    /** Returns the profiles that accept the event, in definition order. */
    public List<SourceProfile> profilesFor(Event event) {
        List<SourceProfile> accepted = new ArrayList<>(4);
        Map<String, String> texts = new HashMap<>(8);
        for (SourceProfile profile : profiles) {
            if (profile.accepts(event, texts)) {
                accepted.add(profile);
            }
        }
        return accepted;
    }

    /**
     * Parses a profile file.
     *
     * @param name the file name, for messages
     * @throws IllegalArgumentException when the file is not a valid profile file
     */
    public static List<SourceProfile> parse(String name, Reader reader) {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(50);
        options.setNestingDepthLimit(32);
        Object root;
        try {
            root = new Yaml(new SafeConstructor(options)).load(reader);
        } catch (YAMLException e) {
            throw new IllegalArgumentException(name + ": invalid YAML: " + e.getMessage(), e);
        }
        Map<String, Object> document = map(name, root, "the document");
        Map<String, Object> sources = map(name, document.getOrDefault("sources", Map.of()), "sources");
        List<SourceProfile> result = new ArrayList<>();
        for (Object item : list(name, document.get("profiles"), "profiles")) {
            Map<String, Object> entry = map(name, item, "a profile");
            String profileName = text(name, entry.get("name"), "profile name");
            String where = name + ": profile " + profileName;
            Set<String> channels = new LinkedHashSet<>();
            Set<String> providers = new LinkedHashSet<>();
            Object sourceName = entry.get("source");
            if (sourceName != null) {
                Map<String, Object> source = map(where, sources.get(String.valueOf(sourceName)),
                        "source '" + sourceName + "'");
                channels.addAll(strings(where, source.get("channels")));
                providers.addAll(strings(where, source.get("providers")));
            }
            channels.addAll(strings(where, entry.get("channels")));
            providers.addAll(strings(where, entry.get("providers")));

            Map<String, Set<String>> conditions = new HashMap<>();
            Map<String, Object> when = map(where, entry.getOrDefault("when", Map.of()), "when");
            for (Map.Entry<String, Object> condition : when.entrySet()) {
                Set<String> values = new LinkedHashSet<>();
                for (String value : strings(where, condition.getValue())) {
                    values.add(value.toLowerCase(Locale.ROOT));
                }
                conditions.put(condition.getKey(), values);
            }
            Set<String> shapes = new LinkedHashSet<>(strings(where, entry.get("shapes")));
            Set<String> required = new LinkedHashSet<>(strings(where, entry.get("has")));
            Map<String, Long> masks = new HashMap<>();
            Map<String, Object> maskEntries = map(where, entry.getOrDefault("masks", Map.of()), "masks");
            for (Map.Entry<String, Object> mask : maskEntries.entrySet()) {
                if (!(mask.getValue() instanceof Number number)) {
                    throw new IllegalArgumentException(where + ": mask for " + mask.getKey()
                            + " must be a number");
                }
                masks.put(mask.getKey(), number.longValue());
            }
            Map<String, Object> logSource = map(where, entry.get("logsource"), "logsource");
            SigmaLogSource served = SigmaLogSource.of(
                    optionalText(logSource.get("category")),
                    optionalText(logSource.get("product")),
                    optionalText(logSource.get("service")));
            Map<String, List<String>> fieldMap = new HashMap<>();
            Map<String, Object> fields = map(where, entry.getOrDefault("fields", Map.of()), "fields");
            for (Map.Entry<String, Object> field : fields.entrySet()) {
                fieldMap.put(field.getKey(), strings(where, field.getValue()));
            }
            result.add(new SourceProfile(profileName, channels, providers, conditions, shapes,
                    required, masks, served, fieldMap));
        }
        return result;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(String where, Object value, String what) {
        if (value instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        throw new IllegalArgumentException(where + ": " + what + " must be a mapping");
    }

    private static List<?> list(String where, Object value, String what) {
        if (value instanceof List<?> list) {
            return list;
        }
        throw new IllegalArgumentException(where + ": " + what + " must be a list");
    }

    private static String text(String where, Object value, String what) {
        if (value == null) {
            throw new IllegalArgumentException(where + ": " + what + " is missing");
        }
        return String.valueOf(value);
    }

    private static String optionalText(Object value) {
        return value == null ? null : String.valueOf(value);
    }

    private static List<String> strings(String where, Object value) {
        List<String> result = new ArrayList<>();
        if (value == null) {
            return result;
        }
        if (value instanceof List<?> list) {
            for (Object item : list) {
                result.add(String.valueOf(item));
            }
        } else if (value instanceof Map) {
            throw new IllegalArgumentException(where + ": expected a value or a list, found a mapping");
        } else {
            result.add(String.valueOf(value));
        }
        return result;
    }
}
