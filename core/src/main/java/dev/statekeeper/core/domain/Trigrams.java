package dev.statekeeper.core.domain;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Trigram similarity computed the way PostgreSQL's pg_trgm does it, so that the backends without pg_trgm
 * rank fuzzy matches the same: words are runs of letters and digits, each padded with two spaces in front
 * and one behind; similarity = shared trigrams / all distinct trigrams of both.
 */
public final class Trigrams {
    private Trigrams() {
    }

    public static double similarity(String a, String b) {
        return similarity(trigrams(a), b);
    }

    /** Similarity of a text to trigrams computed once with {@link #trigrams}: for ranking many names. */
    public static double similarity(Set<String> left, String b) {
        Set<String> right = trigrams(b);
        if (left.isEmpty() || right.isEmpty()) {
            return 0.0;
        }
        int shared = 0;
        for (String t : left) {
            if (right.contains(t)) {
                shared++;
            }
        }
        return (double) shared / (left.size() + right.size() - shared);
    }

    /** The distinct trigrams of a text, as pg_trgm's {@code show_trgm} lists them. */
    public static Set<String> trigrams(String text) {
        Set<String> out = new HashSet<>();
        String lower = text.toLowerCase(Locale.ROOT);
        int i = 0;
        while (i < lower.length()) {
            while (i < lower.length() && !Character.isLetterOrDigit(lower.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < lower.length() && Character.isLetterOrDigit(lower.charAt(i))) {
                i++;
            }
            if (i > start) {
                String padded = "  " + lower.substring(start, i) + " ";
                for (int j = 0; j + 3 <= padded.length(); j++) {
                    out.add(padded.substring(j, j + 3));
                }
            }
        }
        return out;
    }
}
