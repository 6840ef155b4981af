package dev.statekeeper.core.internal.domain;

import dev.statekeeper.core.domain.SpecName;
import dev.statekeeper.core.error.ErrorCode;
import dev.statekeeper.core.error.StatekeeperException;
import dev.statekeeper.core.error.Violation;

import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Resolves a partial spec name among a project's spec names: exact, then prefix, then substring, then
 * fuzzy (trigram similarity >= {@value #MIN_SIMILARITY}). The first tier with any match decides; it
 * resolves only when that tier has a single best candidate, otherwise the candidates are listed.
 */
public final class SpecResolver {
    /** The least trigram similarity a fuzzy match needs. */
    public static final double MIN_SIMILARITY = 0.3;

    private SpecResolver() {
    }

    /**
     * The normalized query ({@link SpecName#normalize}).
     *
     * @param partial the partial name as given
     * @return the normalized query
     * @throws dev.statekeeper.core.error.StatekeeperException
     *         {@link dev.statekeeper.core.error.ErrorCode#VALIDATION_FAILED} when nothing of it is left after
     *         normalization
     */
    public static String normalizedQuery(String partial) {
        String query = SpecName.normalize(partial);
        if (query.isEmpty()) {
            throw StatekeeperException.invalid("spec name",
                    List.of(new Violation("name", partial, "must contain a letter or digit")));
        }
        return query;
    }

    /**
     * Picks the one name {@code partial} denotes among {@code names}, ranking fuzzy matches with {@link Trigrams}.
     *
     * @param project the project, for messages
     * @param partial the partial name as given
     * @param names   the project's spec names
     * @return the name it denotes
     * @throws dev.statekeeper.core.error.StatekeeperException
     *         {@link dev.statekeeper.core.error.ErrorCode#VALIDATION_FAILED} when the query has no letter or digit;
     *         {@link dev.statekeeper.core.error.ErrorCode#SPEC_NOT_FOUND} when nothing matches;
     *         {@link dev.statekeeper.core.error.ErrorCode#AMBIGUOUS_NAME} when the deciding tier has several best
     *         candidates
     */
    public static String resolve(String project, String partial, Collection<String> names) {
        String query = normalizedQuery(partial);
        if (names.contains(query)) {
            return query;
        }
        List<String> prefix = names.stream().filter(n -> n.startsWith(query)).sorted(byLength()).toList();
        if (!prefix.isEmpty()) {
            return single(project, partial, "prefix", prefix);
        }
        List<String> substring = names.stream().filter(n -> n.contains(query)).sorted(byLength()).toList();
        if (!substring.isEmpty()) {
            return single(project, partial, "substring", substring);
        }
        Map<String, Double> scores = new HashMap<>();
        Set<Integer> queryTrigrams = Trigrams.trigrams(query);
        for (String n : names) {
            double s = Trigrams.similarity(queryTrigrams, n);
            if (s >= MIN_SIMILARITY) {
                scores.put(n, s);
            }
        }
        return fuzzy(project, partial, scores);
    }

    /**
     * Chooses among fuzzy candidates with their similarity (from pg_trgm or {@link Trigrams}).
     *
     * @param project the project, for messages
     * @param partial the partial name as given, for messages
     * @param scores  the candidates at or above {@link #MIN_SIMILARITY}, with their similarity
     * @return the most similar name
     * @throws dev.statekeeper.core.error.StatekeeperException
     *         {@link dev.statekeeper.core.error.ErrorCode#SPEC_NOT_FOUND} when there is no candidate;
     *         {@link dev.statekeeper.core.error.ErrorCode#AMBIGUOUS_NAME} when the two most similar tie
     */
    public static String fuzzy(String project, String partial, Map<String, Double> scores) {
        List<Map.Entry<String, Double>> ranked = scores.entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .toList();
        if (ranked.isEmpty()) {
            throw new StatekeeperException(ErrorCode.SPEC_NOT_FOUND, "no spec of project '" + project
                    + "' matches '" + partial + "' (tried exact, prefix, substring and fuzzy)");
        }
        if (ranked.size() > 1 && Math.abs(ranked.get(0).getValue() - ranked.get(1).getValue()) < 1e-9) {
            throw ambiguous(project, partial, "fuzzy", ranked.stream().map(Map.Entry::getKey).toList());
        }
        return ranked.getFirst().getKey();
    }

    private static String single(String project, String partial, String tier, List<String> candidates) {
        if (candidates.size() == 1) {
            return candidates.getFirst();
        }
        throw ambiguous(project, partial, tier, candidates);
    }

    private static StatekeeperException ambiguous(String project, String partial, String tier, List<String> candidates) {
        List<String> shown = candidates.stream().limit(10).toList();
        return new StatekeeperException(ErrorCode.AMBIGUOUS_NAME,
                "'" + partial + "' is ambiguous in project '" + project + "': " + candidates.size() + " specs match by "
                        + tier + ": " + String.join(", ", shown) + (candidates.size() > shown.size() ? ", ..." : ""),
                List.of(), Map.of("candidates", shown, "match", tier), null);
    }

    private static Comparator<String> byLength() {
        return Comparator.comparingInt(String::length).thenComparing(Comparator.naturalOrder());
    }
}
