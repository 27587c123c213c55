package dev.harrier.core.rule;

import dev.harrier.core.value.SigmaValue;
import java.util.List;

/**
 * One {@code field|modifiers: values} entry of a selection, or a keyword list when {@code field} is
 * null.
 *
 * @param field the Sigma field name, or null for a keyword search
 * @param modifiers the modifier names as written, in order
 * @param values the values after the modifiers, OR-linked unless {@code allValues}
 * @param allValues whether every value must match ({@code all})
 * @param negated whether the whole item is negated ({@code neq})
 * @param location where the item is written
 */
public record SigmaDetectionItem(
        String field,
        List<String> modifiers,
        List<SigmaValue> values,
        boolean allValues,
        boolean negated,
        SourceLocation location) implements DetectionNode {

    public SigmaDetectionItem {
        modifiers = List.copyOf(modifiers);
        values = List.copyOf(values);
    }

    public boolean isKeyword() {
        return field == null;
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        text.append(field == null ? "keyword" : field);
        for (String modifier : modifiers) {
            text.append('|').append(modifier);
        }
        return text.append('=').append(values).toString();
    }
}
