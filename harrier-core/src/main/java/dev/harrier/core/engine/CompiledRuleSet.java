package dev.harrier.core.engine;

import dev.harrier.core.event.Event;
import dev.harrier.core.profile.ProfileSet;
import dev.harrier.core.profile.SourceProfile;
import dev.harrier.core.rule.SigmaRule;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rules compiled for matching, dispatched by source profile: an event is tested only against the
 * rules whose {@code logsource} a profile accepting the event serves, with that profile's field
 * mapping. With log sources ignored, every rule is tested against every event and names are
 * looked up as they are.
 *
 * <p>Before a rule's condition is evaluated, the event must contain one of the literals the rule
 * requires ({@link RequiredLiterals}); all literals are searched in one pass over the event's
 * lower-cased values ({@link PrefilterText}, {@link LiteralScanner}).
 *
 * <p>Thread-safe: one set can match events from several threads.
 */
public final class CompiledRuleSet {
    /** A rule with its compiled condition. */
    public record CompiledRule(SigmaRule rule, Matcher matcher) {}

    /** A rule prepared for matching: the ids of its required literals, or null for none. */
    private record Candidate(CompiledRule compiled, int[] literals) {}

    private final List<CompiledRule> rules;
    private final ProfileSet profiles;
    private final boolean ignoreLogSource;
    private final Map<SourceProfile, List<Candidate>> rulesByProfile = new IdentityHashMap<>();
    private final List<Candidate> allCandidates;
    private final LiteralScanner scanner;
    private final Map<SourceProfile, FieldResolver> resolvers = new IdentityHashMap<>();
    private final Map<String, FieldResolver> resolversByName = new java.util.HashMap<>();
    private final List<SigmaRule> unservedRules = new ArrayList<>();

    private CompiledRuleSet(List<CompiledRule> rules, ProfileSet profiles, boolean ignoreLogSource) {
        this.rules = List.copyOf(rules);
        this.profiles = profiles;
        this.ignoreLogSource = ignoreLogSource;
        Map<String, Integer> literalIds = new LinkedHashMap<>();
        Map<CompiledRule, Candidate> candidates = new IdentityHashMap<>();
        List<Candidate> ordered = new ArrayList<>();
        for (CompiledRule compiled : rules) {
            java.util.Set<String> literals = RequiredLiterals.of(compiled.rule());
            int[] ids = null;
            if (literals != null) {
                ids = literals.stream()
                        .mapToInt(l -> literalIds.computeIfAbsent(l, k -> literalIds.size()))
                        .toArray();
            }
            Candidate candidate = new Candidate(compiled, ids);
            candidates.put(compiled, candidate);
            ordered.add(candidate);
        }
        this.allCandidates = List.copyOf(ordered);
        this.scanner = new LiteralScanner(new ArrayList<>(literalIds.keySet()));
        Map<SigmaRule, Boolean> served = new LinkedHashMap<>();
        for (CompiledRule compiled : rules) {
            served.put(compiled.rule(), false);
        }
        for (SourceProfile profile : profiles.profiles()) {
            List<Candidate> forProfile = new ArrayList<>();
            for (CompiledRule compiled : rules) {
                if (profile.serves(compiled.rule().logSource())) {
                    forProfile.add(candidates.get(compiled));
                    served.put(compiled.rule(), true);
                }
            }
            rulesByProfile.put(profile, forProfile);
            FieldResolver resolver = profile.resolver();
            resolvers.put(profile, resolver);
            resolversByName.put(profile.name(), resolver);
        }
        served.forEach((rule, isServed) -> {
            if (!isServed) {
                unservedRules.add(rule);
            }
        });
    }

    /** Compiles the rules for matching under the given profiles. */
    public static CompiledRuleSet compile(List<SigmaRule> rules, ProfileSet profiles,
            boolean ignoreLogSource) {
        List<CompiledRule> compiled = new ArrayList<>(rules.size());
        for (SigmaRule rule : rules) {
            compiled.add(new CompiledRule(rule, RuleCompiler.compile(rule)));
        }
        return new CompiledRuleSet(compiled, profiles, ignoreLogSource);
    }

    public List<CompiledRule> rules() {
        return rules;
    }

    /** Rules whose log source no profile serves; they can match only with log sources ignored. */
    public List<SigmaRule> unservedRules() {
        return unservedRules;
    }

    /** Returns the field resolver of the named profile, or the direct one for null or an unknown name. */
    public FieldResolver resolver(String profileName) {
        FieldResolver resolver = profileName == null ? null : resolversByName.get(profileName);
        return resolver != null ? resolver : FieldResolver.DIRECT;
    }

    /** Returns the profiles that accept the event. */
    public List<SourceProfile> profilesFor(Event event) {
        return profiles.profilesFor(event);
    }

    /** Returns every rule that matches the event, each once, in rule order per profile. */
    public List<RuleMatch> match(Event event) {
        List<RuleMatch> matches = new ArrayList<>(0);
        Prefilter prefilter = new Prefilter(event);
        if (ignoreLogSource) {
            for (Candidate candidate : allCandidates) {
                CompiledRule compiled = candidate.compiled();
                if (prefilter.allows(candidate)
                        && compiled.matcher().matches(event, FieldResolver.DIRECT)) {
                    matches.add(new RuleMatch(compiled.rule(), event, null));
                }
            }
            return matches;
        }
        List<SourceProfile> accepted = profiles.profilesFor(event);
        IdentityHashMap<SigmaRule, Boolean> seen = accepted.size() > 1 ? new IdentityHashMap<>() : null;
        for (SourceProfile profile : accepted) {
            FieldResolver resolver = resolvers.get(profile);
            for (Candidate candidate : rulesByProfile.get(profile)) {
                CompiledRule compiled = candidate.compiled();
                if (seen != null && seen.containsKey(compiled.rule())) {
                    continue;
                }
                if (prefilter.allows(candidate) && compiled.matcher().matches(event, resolver)) {
                    matches.add(new RuleMatch(compiled.rule(), event, profile.name()));
                    if (seen != null) {
                        seen.put(compiled.rule(), true);
                    }
                }
            }
        }
        return matches;
    }

    /** The literals present in one event, found on first use. */
    private final class Prefilter {
        private final Event event;
        private boolean scanned;
        private BitSet present;

        Prefilter(Event event) {
            this.event = event;
        }

        boolean allows(Candidate candidate) {
            int[] literals = candidate.literals();
            if (literals == null) {
                return true;
            }
            if (!scanned) {
                scanned = true;
                present = scanner.scan(PrefilterText.of(event));
            }
            for (int literal : literals) {
                if (present.get(literal)) {
                    return true;
                }
            }
            return false;
        }
    }
}
