package dev.harrier.core.check;

import dev.harrier.core.rule.SigmaLogSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The field names each Sigma log source has, from SigmaHQ's field list: for a product, the common
 * fields plus those of the category or service, plus the optional additions SigmaHQ lists.
 */
public final class FieldCatalog {
    /** The bundled field list. */
    public static final String RESOURCE = "/fields/sigma-logsource-fields.json";

    private final Map<String, Object> legit;
    private final Map<String, Object> addon;

    private FieldCatalog(Map<String, Object> legit, Map<String, Object> addon) {
        this.legit = legit;
        this.addon = addon;
    }

    /** Loads the bundled field list. */
    @SuppressWarnings("unchecked")
    public static FieldCatalog bundled() {
        try (InputStream in = FieldCatalog.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("bundled field list missing: " + RESOURCE);
            }
            LoaderOptions options = new LoaderOptions();
            options.setCodePointLimit(8 * 1024 * 1024);
            Map<String, Object> root = new Yaml(new SafeConstructor(options))
                    .load(new InputStreamReader(in, StandardCharsets.UTF_8));
            return new FieldCatalog((Map<String, Object>) root.getOrDefault("legit", Map.of()),
                    (Map<String, Object>) root.getOrDefault("addon", Map.of()));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read bundled field list", e);
        }
    }

    /**
     * Returns the lower-case field names of the log source, or null when the list does not know
     * the source (then no field can be called unknown).
     */
    public Set<String> fieldsOf(SigmaLogSource source) {
        if (source.product() == null || !(legit.get(source.product()) instanceof Map<?, ?> product)) {
            return null;
        }
        boolean known = false;
        Set<String> fields = new HashSet<>();
        addAll(fields, product.get("common"));
        if (source.category() != null) {
            Object list = section(product, "category", source.category());
            if (isUnlisted(list)) {
                return null;
            }
            known = true;
            addAll(fields, list);
            addAll(fields, sectionOf(addon, source.product(), "category", source.category()));
        }
        if (source.service() != null) {
            Object list = section(product, "service", source.service());
            if (isUnlisted(list)) {
                return null;
            }
            known = true;
            addAll(fields, list);
            addAll(fields, sectionOf(addon, source.product(), "service", source.service()));
        }
        if (!known || fields.isEmpty()) {
            return null;
        }
        return fields;
    }

    /** Returns true for an absent or empty list, which means the source's fields are not fixed. */
    private static boolean isUnlisted(Object list) {
        return !(list instanceof List<?> names) || names.isEmpty();
    }

    private static Object section(Map<?, ?> product, String kind, String name) {
        return product.get(kind) instanceof Map<?, ?> map ? map.get(name) : null;
    }

    private static Object sectionOf(Map<String, Object> root, String product, String kind, String name) {
        return root.get(product) instanceof Map<?, ?> map ? section(map, kind, name) : null;
    }

    private static void addAll(Set<String> fields, Object list) {
        if (list instanceof List<?> names) {
            for (Object name : names) {
                fields.add(String.valueOf(name).toLowerCase(Locale.ROOT));
            }
        }
    }
}
