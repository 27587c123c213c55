package dev.harrier.core.value;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import dev.harrier.core.event.FieldValues;
import dev.harrier.core.rule.SigmaRuleException;
import inet.ipaddr.AddressStringException;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Applies a detection item's modifier chain to its values, left to right, following Sigma v2.1.
 *
 * <p>Value modifiers ({@code contains}, {@code base64offset}, {@code windash} ...) act on each value;
 * list modifiers ({@code all}, {@code neq}) act on the item. Modifiers that produce several
 * alternatives ({@code windash}, {@code base64offset}, {@code expand}) give an {@link
 * SigmaValue.Expansion}, which stays one OR group even under {@code all}.
 *
 * <p>Example: {@code CommandLine|base64offset|contains: 'foobar'} gives one expansion of the
 * strings {@code *Zm9vYmFy*}, {@code *Zvb2Jhc*} and {@code *mb29iYX*}.
 */
public final class Modifiers {
    /** Every modifier name of Sigma v2.1, with the aliases pySigma accepts. */
    public static final Set<String> NAMES = Set.of(
            "contains", "startswith", "endswith", "all", "base64", "base64offset", "wide",
            "utf16le", "utf16be", "utf16", "windash", "re", "i", "ignorecase", "m", "multiline",
            "s", "dotall", "cidr", "exists", "expand", "fieldref", "gt", "gte", "lt", "lte",
            "neq", "cased", "minute", "hour", "day", "week", "month", "year");

    /** Most alternatives one value may expand into, so that {@code windash} cannot explode. */
    public static final int MAX_EXPANSION = 4096;

    private static final char[] DASHES = {'-', '/', '\u2013', '\u2014', '\u2015'};

    private Modifiers() {}

    /** The result of applying a chain: the values and the list-level flags. */
    public record Result(List<SigmaValue> values, boolean allValues, boolean negated) {}

    /**
     * Applies {@code modifiers} to {@code rawValues}.
     *
     * @param field the field name, or null for keywords
     * @param rawValues values as YAML gave them: String, Number, Boolean, Date or null
     * @throws SigmaRuleException when a modifier is unknown or cannot apply to a value
     */
    public static Result apply(String field, List<String> modifiers, List<Object> rawValues,
            Placeholders placeholders) {
        validateChain(field, modifiers, rawValues);
        boolean all = modifiers.contains("all");
        boolean negated = modifiers.contains("neq");
        boolean cased = modifiers.contains("cased");

        if (modifiers.contains("exists")) {
            Object raw = rawValues.get(0);
            return new Result(List.of(new SigmaValue.ExistsValue((Boolean) raw)), false, false);
        }

        List<SigmaValue> values = new ArrayList<>();
        for (Object raw : rawValues) {
            values.add(applyToValue(modifiers, raw, cased, placeholders));
        }
        return new Result(values, all, negated);
    }

    private static void validateChain(String field, List<String> modifiers, List<Object> rawValues) {
        for (String modifier : modifiers) {
            if (!NAMES.contains(modifier)) {
                throw new SigmaRuleException("unknown modifier" + suggestion(modifier), modifier);
            }
        }
        if (modifiers.contains("exists")) {
            if (modifiers.size() != 1) {
                throw new SigmaRuleException("'exists' cannot be combined with other modifiers",
                        String.join("|", modifiers));
            }
            if (field == null) {
                throw new SigmaRuleException("'exists' needs a field name", "exists");
            }
            if (rawValues.size() != 1 || !(rawValues.get(0) instanceof Boolean)) {
                throw new SigmaRuleException("'exists' takes one value, true or false",
                        String.valueOf(rawValues));
            }
        }
        int re = modifiers.indexOf("re");
        if (re > 0) {
            throw new SigmaRuleException("'re' must be the first modifier", String.join("|", modifiers));
        }
        int cidr = modifiers.indexOf("cidr");
        if (cidr > 0) {
            throw new SigmaRuleException("'cidr' must be the first modifier", String.join("|", modifiers));
        }
        if (modifiers.contains("windash") && modifiers.contains("all")) {
            throw new SigmaRuleException("'windash' cannot be combined with 'all': each value"
                    + " expands into dash variants that cannot all be present", "windash|all");
        }
        String last = lastValueModifier(modifiers);
        if (last != null && isEncoding(last)) {
            throw new SigmaRuleException("modifier chain must not end with the character-set"
                    + " encoding '" + last + "'; follow it with base64 or base64offset", last);
        }
        for (int i = 0; i < modifiers.size(); i++) {
            if (isEncoding(modifiers.get(i))) {
                boolean encodedLater = false;
                for (int j = i + 1; j < modifiers.size(); j++) {
                    String later = modifiers.get(j);
                    if (later.equals("base64") || later.equals("base64offset")) {
                        encodedLater = true;
                    }
                }
                if (!encodedLater) {
                    throw new SigmaRuleException("the character-set encoding '" + modifiers.get(i)
                            + "' must be followed by base64 or base64offset", modifiers.get(i));
                }
            }
        }
        if (field == null) {
            for (String modifier : modifiers) {
                if (modifier.equals("fieldref") || modifier.equals("cidr") || isComparison(modifier)
                        || isTimePart(modifier)) {
                    throw new SigmaRuleException("'" + modifier + "' needs a field name", modifier);
                }
            }
        }
    }

    private static String lastValueModifier(List<String> modifiers) {
        for (int i = modifiers.size() - 1; i >= 0; i--) {
            String modifier = modifiers.get(i);
            if (!modifier.equals("all") && !modifier.equals("neq") && !modifier.equals("cased")
                    && !isContainsLike(modifier)) {
                return modifier;
            }
            if (isContainsLike(modifier)) {
                // Wildcards added after an encoding still leave the chain ending in an encoding.
                continue;
            }
        }
        return null;
    }

    private static boolean isContainsLike(String modifier) {
        return modifier.equals("contains") || modifier.equals("startswith")
                || modifier.equals("endswith");
    }

    private static boolean isEncoding(String modifier) {
        return modifier.equals("wide") || modifier.equals("utf16le") || modifier.equals("utf16be")
                || modifier.equals("utf16");
    }

    private static boolean isComparison(String modifier) {
        return modifier.equals("gt") || modifier.equals("gte") || modifier.equals("lt")
                || modifier.equals("lte");
    }

    private static boolean isTimePart(String modifier) {
        return modifier.equals("minute") || modifier.equals("hour") || modifier.equals("day")
                || modifier.equals("week") || modifier.equals("month") || modifier.equals("year");
    }

    private static String suggestion(String unknown) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String name : NAMES) {
            int distance = editDistance(unknown.toLowerCase(Locale.ROOT), name);
            if (distance < bestDistance) {
                bestDistance = distance;
                best = name;
            }
        }
        return best != null && bestDistance <= 2 ? "; did you mean [" + best + "]?" : "";
    }

    private static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1),
                        previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    private static SigmaValue applyToValue(List<String> modifiers, Object raw, boolean cased,
            Placeholders placeholders) {
        List<Object> working = new ArrayList<>();
        working.add(raw instanceof Date date ? date.toInstant().toString().substring(0, 10) : raw);
        SigmaValue.TimePart timePart = null;
        boolean sawComparison = false;

        for (String modifier : modifiers) {
            switch (modifier) {
                case "all":
                case "neq":
                case "cased":
                    break;
                case "contains":
                case "startswith":
                case "endswith":
                    working = map(working, value -> addWildcards(modifier, value));
                    break;
                case "base64":
                    working = map(working, value -> requireLiteral(modifier, value).base64());
                    break;
                case "base64offset":
                    working = flatMap(working,
                            value -> new ArrayList<>(requireLiteral(modifier, value).base64Offsets()));
                    break;
                case "wide":
                case "utf16le":
                    working = map(working, value -> asString(modifier, value)
                            .encode(StandardCharsets.UTF_16LE, false));
                    break;
                case "utf16be":
                    working = map(working, value -> asString(modifier, value)
                            .encode(StandardCharsets.UTF_16BE, false));
                    break;
                case "utf16":
                    working = map(working, value -> asString(modifier, value)
                            .encode(StandardCharsets.UTF_16LE, true));
                    break;
                case "windash":
                    working = flatMap(working, value -> windash(asString(modifier, value)));
                    break;
                case "re":
                    working = map(working, value -> new RegexText(requireText(modifier, value),
                            false, false, false));
                    break;
                case "i":
                case "ignorecase":
                case "m":
                case "multiline":
                case "s":
                case "dotall":
                    working = map(working, value -> regexFlag(modifier, value));
                    break;
                case "cidr":
                    working = map(working, value -> cidr(requireText(modifier, value)));
                    break;
                case "expand":
                    working = flatMap(working, value -> expand(value, placeholders));
                    break;
                case "fieldref":
                    working = map(working, value -> new SigmaValue.FieldRefValue(
                            requireText(modifier, value), SigmaValue.FieldRefKind.EQUALS, cased));
                    break;
                case "gt":
                case "gte":
                case "lt":
                case "lte":
                    sawComparison = true;
                    SigmaValue.TimePart part = timePart;
                    working = map(working, value -> new SigmaValue.CompareValue(
                            SigmaValue.CompareOp.valueOf(modifier.toUpperCase(Locale.ROOT)),
                            requireNumber(modifier, value), part));
                    break;
                case "minute":
                case "hour":
                case "day":
                case "week":
                case "month":
                case "year":
                    if (timePart != null || sawComparison) {
                        throw new SigmaRuleException("only one time-part modifier is allowed and it"
                                + " must come before any comparison", modifier);
                    }
                    timePart = SigmaValue.TimePart.valueOf(modifier.toUpperCase(Locale.ROOT));
                    break;
                case "exists":
                    break;
                default:
                    throw new SigmaRuleException("unknown modifier", modifier);
            }
        }
        if (timePart != null && !sawComparison) {
            SigmaValue.TimePart part = timePart;
            working = map(working, value -> new SigmaValue.CompareValue(SigmaValue.CompareOp.EQ,
                    requireNumber(part.name().toLowerCase(Locale.ROOT), value), part));
        }

        List<SigmaValue> finished = new ArrayList<>(working.size());
        for (Object value : working) {
            finished.add(finish(value, cased));
        }
        if (finished.size() == 1) {
            return finished.get(0);
        }
        return new SigmaValue.Expansion(finished);
    }

    private interface Step {
        Object apply(Object value);
    }

    private interface Expand {
        List<?> apply(Object value);
    }

    private static List<Object> map(List<Object> values, Step step) {
        List<Object> result = new ArrayList<>(values.size());
        for (Object value : values) {
            result.add(step.apply(value));
        }
        return result;
    }

    private static List<Object> flatMap(List<Object> values, Expand step) {
        List<Object> result = new ArrayList<>();
        for (Object value : values) {
            result.addAll(step.apply(value));
            if (result.size() > MAX_EXPANSION) {
                throw new SigmaRuleException("value expands into more than " + MAX_EXPANSION
                        + " alternatives", String.valueOf(value));
            }
        }
        return result;
    }

    /** A regular expression before it is compiled, with its flags. */
    private record RegexText(String regex, boolean ignoreCase, boolean multiLine, boolean dotAll) {}

    private static Object addWildcards(String modifier, Object value) {
        if (value instanceof RegexText regex) {
            String text = regex.regex();
            boolean front = !modifier.equals("startswith");
            boolean back = !modifier.equals("endswith");
            if (front && !text.startsWith(".*") && !text.startsWith("^")) {
                text = ".*" + text;
            }
            if (back && !text.endsWith(".*") && !text.endsWith("$")) {
                text = text + ".*";
            }
            return new RegexText(text, regex.ignoreCase(), regex.multiLine(), regex.dotAll());
        }
        if (value instanceof SigmaValue.FieldRefValue ref) {
            if (ref.kind() != SigmaValue.FieldRefKind.EQUALS) {
                throw new SigmaRuleException("a field reference takes only one of contains,"
                        + " startswith and endswith", modifier);
            }
            SigmaValue.FieldRefKind kind = modifier.equals("contains")
                    ? SigmaValue.FieldRefKind.CONTAINS
                    : modifier.equals("startswith") ? SigmaValue.FieldRefKind.STARTS_WITH
                            : SigmaValue.FieldRefKind.ENDS_WITH;
            return new SigmaValue.FieldRefValue(ref.field(), kind, ref.cased());
        }
        SigmaString string = asString(modifier, value);
        if (modifier.equals("contains")) {
            return string.prependAnyRun().appendAnyRun();
        }
        return modifier.equals("startswith") ? string.appendAnyRun() : string.prependAnyRun();
    }

    private static SigmaString asString(String modifier, Object value) {
        if (value instanceof SigmaString string) {
            return string;
        }
        if (value instanceof String text) {
            return SigmaString.parse(text);
        }
        if (value instanceof Number || value instanceof Boolean) {
            return SigmaString.literal(FieldValues.scalarText(value));
        }
        throw new SigmaRuleException("'" + modifier + "' applies to strings only", describe(value));
    }

    private static SigmaString requireLiteral(String modifier, Object value) {
        SigmaString string = asString(modifier, value);
        if (string.hasWildcards()) {
            throw new SigmaRuleException("'" + modifier + "' cannot encode a value with wildcards",
                    string.toSigmaText());
        }
        return string;
    }

    private static String requireText(String modifier, Object value) {
        if (value instanceof String text) {
            return text;
        }
        if (value instanceof Number || value instanceof Boolean) {
            return FieldValues.scalarText(value);
        }
        throw new SigmaRuleException("'" + modifier + "' applies to strings only", describe(value));
    }

    private static BigDecimal requireNumber(String modifier, Object value) {
        if (value instanceof Number number) {
            return new BigDecimal(FieldValues.scalarText(number));
        }
        throw new SigmaRuleException("'" + modifier + "' needs a number", describe(value));
    }

    private static String describe(Object value) {
        if (value instanceof SigmaString string) {
            return string.toSigmaText();
        }
        if (value instanceof RegexText regex) {
            return regex.regex();
        }
        return String.valueOf(value);
    }

    private static Object regexFlag(String modifier, Object value) {
        if (!(value instanceof RegexText regex)) {
            throw new SigmaRuleException("'" + modifier + "' is a regular-expression flag and needs"
                    + " 're' first", modifier);
        }
        switch (modifier) {
            case "i":
            case "ignorecase":
                return new RegexText(regex.regex(), true, regex.multiLine(), regex.dotAll());
            case "m":
            case "multiline":
                return new RegexText(regex.regex(), regex.ignoreCase(), true, regex.dotAll());
            default:
                return new RegexText(regex.regex(), regex.ignoreCase(), regex.multiLine(), true);
        }
    }

    private static SigmaValue cidr(String text) {
        try {
            IPAddress address = new IPAddressString(text.trim()).toAddress();
            return new SigmaValue.CidrValue(text, address.toPrefixBlock());
        } catch (AddressStringException e) {
            throw new SigmaRuleException("invalid CIDR network: " + e.getMessage(), text);
        }
    }

    /**
     * Expands a string into the {@code windash} variants: every {@code -} or {@code /} that has no
     * word character before it and a word character after it becomes each of {@code -}, {@code /},
     * en dash, em dash and horizontal bar, independently.
     */
    static List<SigmaString> windash(SigmaString value) {
        List<List<SigmaString.Part>> variants = new ArrayList<>();
        variants.add(new ArrayList<>());
        List<SigmaString.Part> parts = value.parts();
        for (int p = 0; p < parts.size(); p++) {
            SigmaString.Part part = parts.get(p);
            if (!(part instanceof SigmaString.Literal literal)) {
                for (List<SigmaString.Part> variant : variants) {
                    variant.add(part);
                }
                continue;
            }
            String text = literal.text();
            int start = 0;
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if ((c == '-' || c == '/') && isDashPosition(parts, p, text, i)) {
                    String before = text.substring(start, i);
                    List<List<SigmaString.Part>> next = new ArrayList<>();
                    for (List<SigmaString.Part> variant : variants) {
                        for (char dash : DASHES) {
                            List<SigmaString.Part> copy = new ArrayList<>(variant);
                            copy.add(new SigmaString.Literal(before + dash));
                            next.add(copy);
                        }
                    }
                    if (next.size() > MAX_EXPANSION) {
                        throw new SigmaRuleException("'windash' expands this value into more than "
                                + MAX_EXPANSION + " alternatives", value.toSigmaText());
                    }
                    variants = next;
                    start = i + 1;
                }
            }
            String rest = text.substring(start);
            if (!rest.isEmpty()) {
                for (List<SigmaString.Part> variant : variants) {
                    variant.add(new SigmaString.Literal(rest));
                }
            }
        }
        List<SigmaString> result = new ArrayList<>(variants.size());
        for (List<SigmaString.Part> variant : variants) {
            SigmaString string = SigmaString.of(variant);
            result.add(value.isByteString() ? string.encode(StandardCharsets.ISO_8859_1, false) : string);
        }
        return result;
    }

    private static boolean isDashPosition(List<SigmaString.Part> parts, int partIndex, String text,
            int index) {
        boolean wordBefore;
        if (index > 0) {
            wordBefore = isWordChar(text.charAt(index - 1));
        } else {
            wordBefore = false;
        }
        boolean wordAfter;
        if (index + 1 < text.length()) {
            wordAfter = isWordChar(text.charAt(index + 1));
        } else {
            wordAfter = false;
        }
        return !wordBefore && wordAfter;
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }

    private static List<Object> expand(Object value, Placeholders placeholders) {
        String text = value instanceof SigmaString string ? string.toSigmaText()
                : requireText("expand", value);
        List<StringBuilder> results = new ArrayList<>();
        results.add(new StringBuilder());
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length() && text.charAt(i + 1) == '%') {
                for (StringBuilder result : results) {
                    result.append('%');
                }
                i += 2;
                continue;
            }
            if (c == '%') {
                int end = text.indexOf('%', i + 1);
                if (end > i + 1) {
                    String name = text.substring(i + 1, end);
                    List<String> values = placeholders.valuesOf(name);
                    if (values == null || values.isEmpty()) {
                        throw new SigmaRuleException("unresolved placeholder; pass its values with"
                                + " --placeholders", "%" + name + "%");
                    }
                    List<StringBuilder> next = new ArrayList<>();
                    for (StringBuilder result : results) {
                        for (String replacement : values) {
                            next.add(new StringBuilder(result).append(replacement));
                        }
                    }
                    if (next.size() > MAX_EXPANSION) {
                        throw new SigmaRuleException("placeholders expand this value into more than "
                                + MAX_EXPANSION + " alternatives", text);
                    }
                    results = next;
                    i = end + 1;
                    continue;
                }
            }
            for (StringBuilder result : results) {
                result.append(c);
            }
            i++;
        }
        List<Object> strings = new ArrayList<>(results.size());
        for (StringBuilder result : results) {
            strings.add(SigmaString.parse(result.toString()));
        }
        return strings;
    }

    private static SigmaValue finish(Object value, boolean cased) {
        if (value instanceof SigmaValue sigmaValue) {
            return sigmaValue;
        }
        if (value instanceof SigmaString string) {
            return new SigmaValue.StringValue(string, cased);
        }
        if (value instanceof RegexText regex) {
            return compileRegex(regex);
        }
        if (value == null) {
            return SigmaValue.NullValue.INSTANCE;
        }
        if (value instanceof String text) {
            return new SigmaValue.StringValue(SigmaString.parse(text), cased);
        }
        if (value instanceof Boolean bool) {
            return new SigmaValue.BoolValue(bool);
        }
        if (value instanceof Number number) {
            String text = FieldValues.scalarText(number);
            return new SigmaValue.NumberValue(text, new BigDecimal(text));
        }
        throw new SigmaRuleException("unsupported value type", String.valueOf(value));
    }

    private static SigmaValue compileRegex(RegexText regex) {
        int flags = 0;
        if (regex.ignoreCase()) {
            flags |= Pattern.CASE_INSENSITIVE;
        }
        if (regex.multiLine()) {
            flags |= Pattern.MULTILINE;
        }
        if (regex.dotAll()) {
            flags |= Pattern.DOTALL;
        }
        try {
            Pattern pattern = Pattern.compile(regex.regex(), flags);
            return new SigmaValue.RegexValue(regex.regex(), regex.ignoreCase(), regex.multiLine(),
                    regex.dotAll(), pattern);
        } catch (PatternSyntaxException e) {
            throw new SigmaRuleException("regular expression is not valid RE2 syntax: "
                    + e.getDescription(), regex.regex());
        }
    }
}
