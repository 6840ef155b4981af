package dev.statekeeper.core.internal.config;

import dev.statekeeper.core.config.Setting;
import dev.statekeeper.core.internal.domain.Trigrams;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds a {@link Setting} by its variable name (the key of the environment, the config file and
 * {@code statekeeper config}), and suggests the closest one for a mistyped name.
 */
public final class SettingNames {
    private static final double MIN_SIMILARITY = 0.3;

    private SettingNames() {
    }

    /**
     * The setting whose variable is exactly {@code name} (case-sensitive, as in the environment).
     *
     * @param name a variable name
     * @return the setting, or empty
     */
    public static Optional<Setting> find(String name) {
        return Arrays.stream(Setting.values()).filter(s -> s.variable().equals(name)).findFirst();
    }

    /**
     * The variable a mistyped name most likely meant, or null: the same name in another case, then one that
     * ends with {@code _NAME} (so {@code port} suggests {@code STATEKEEPER_PORT}), then the most similar by
     * trigram similarity when at least 0.3.
     *
     * @param name the name as given
     * @return the variable it most likely meant, or null
     */
    public static String didYouMean(String name) {
        String upper = name.trim().toUpperCase(Locale.ROOT).replace('-', '_').replace('.', '_');
        if (upper.isEmpty()) {
            return null;
        }
        for (Setting s : Setting.values()) {
            if (s.variable().equals(upper) || s.variable().endsWith("_" + upper)) {
                return s.variable();
            }
        }
        var trigrams = Trigrams.trigrams(upper);
        return Arrays.stream(Setting.values())
                .map(s -> new Candidate(s.variable(), Trigrams.similarity(trigrams, s.variable())))
                .filter(c -> c.similarity() >= MIN_SIMILARITY)
                .max(Comparator.comparingDouble(Candidate::similarity))
                .map(Candidate::variable)
                .orElse(null);
    }

    /**
     * The hint an error message ends with.
     *
     * @param name the name as given
     * @return {@code "; did you mean X?"}, or the empty string when nothing is close
     */
    public static String hint(String name) {
        String suggestion = didYouMean(name);
        return suggestion == null ? "" : "; did you mean " + suggestion + "?";
    }

    private record Candidate(String variable, double similarity) {
    }
}
