package dev.statekeeper.core.domain;

import dev.statekeeper.core.internal.domain.SpecRenames;
import java.text.Normalizer;
import java.util.List;
import java.util.Locale;

/**
 * Spec names: the normalized title. The title is put in Unicode NFKC form (full-width {@code Ａｕｔｈ} is
 * {@code Auth}, the ligature {@code ﬁ} is {@code fi}) and lower-cased; letters and digits of every script are
 * kept, with the combining marks that follow them (the vowel signs of हिन्दी); spaces, underscores and '-'
 * become one '-', trimmed at both ends; other characters (punctuation, symbols) are dropped.
 * "User Auth_Service!" is "user-auth-service", "Über uns" is "über-uns", "認証サービス" stays as it is.
 *
 * <p>Versions before Unicode names kept only a-z and 0-9 ({@link #legacy}): "Über uns" was "ber-uns". The
 * stores rename such names when they migrate ({@link SpecRenames}); a name no migration could change (its new
 * form was taken) or one imported from an old export stays valid and is still found by its title
 * ({@link #lookups}).
 */
public final class SpecName {
    /** The longest name, in characters. */
    public static final int MAX = 255;

    private SpecName() {
    }

    /**
     * The name a title gives, as described above.
     *
     * @param title the title, or null
     * @return the name; empty for null or a title without a letter or digit
     */
    public static String normalize(String title) {
        if (title == null) {
            return "";
        }
        String folded = Normalizer.normalize(Normalizer.normalize(title, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT),
                Normalizer.Form.NFKC);
        StringBuilder out = new StringBuilder(folded.length());
        boolean kept = false; // whether the previous character was kept (a mark is kept only right after one)
        for (int i = 0; i < folded.length(); i += Character.charCount(folded.codePointAt(i))) {
            int c = folded.codePointAt(i);
            if (c == '_' || c == '-' || Character.isWhitespace(c)) {
                dash(out);
                kept = false;
            } else if (Character.isLetterOrDigit(c) || kept && isMark(c)) {
                out.appendCodePoint(c);
                kept = true;
            } else {
                kept = false;
            }
        }
        return Normalizer.normalize(trimmed(out), Normalizer.Form.NFKC); // composes what dropping brought together
    }

    /**
     * The name versions before Unicode names gave the title.
     *
     * @param title the title, or null
     * @return the legacy name: only a-z, 0-9 and '-'; empty for null
     */
    public static String legacy(String title) {
        if (title == null) {
            return "";
        }
        String lower = title.trim().toLowerCase(Locale.ROOT);
        StringBuilder out = new StringBuilder(lower.length());
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            if (c == ' ' || c == '_' || c == '-' || Character.isWhitespace(c)) {
                dash(out);
            } else if (c >= 'a' && c <= 'z' || c >= '0' && c <= '9') {
                out.append(c);
            }
        }
        return trimmed(out);
    }

    /**
     * Whether a name is the one an earlier version gave the title, which this version names otherwise.
     *
     * @param name  a stored spec's name
     * @param title its title
     * @return true for a legacy name
     */
    public static boolean isLegacy(String name, String title) {
        return !normalize(title).equals(name) && !name.isEmpty() && legacy(title).equals(name);
    }

    /**
     * Whether a spec stored as {@code name} may have this title: it normalizes to the name, now or before.
     *
     * @param name  the stored spec's name
     * @param title a title
     * @return true when the title fits the name
     */
    public static boolean titles(String name, String title) {
        return normalize(title).equals(name) || isLegacy(name, title);
    }

    /**
     * The names to look a spec up by, given its name or title: the normalized one, then (when it differs) the
     * one earlier versions gave, which finds a spec only when that spec still has its legacy name
     * ({@link #isLegacy}).
     *
     * @param given a name or title
     * @return one or two names, the normalized one first
     */
    public static List<String> lookups(String given) {
        String name = normalize(given);
        String old = legacy(given);
        return old.isEmpty() || old.equals(name) ? List.of(name) : List.of(name, old);
    }

    /**
     * Whether a spec found under the {@code index}-th of {@link #lookups} is the one asked for: always under the
     * normalized name; under the legacy one only when the spec still has the legacy name of its title (so
     * "über" never finds a spec titled "Ber").
     *
     * @param index the position in {@link #lookups} of the name the spec was found under
     * @param spec  the spec found
     * @return true when it is the spec asked for
     */
    public static boolean found(int index, Spec spec) {
        return index == 0 || isLegacy(spec.name(), spec.content().title());
    }

    private static boolean isMark(int c) {
        int type = Character.getType(c);
        return type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK
                || type == Character.ENCLOSING_MARK;
    }

    private static void dash(StringBuilder out) {
        if (!out.isEmpty() && out.charAt(out.length() - 1) != '-') {
            out.append('-');
        }
    }

    private static String trimmed(StringBuilder out) {
        int end = out.length();
        while (end > 0 && out.charAt(end - 1) == '-') {
            end--;
        }
        return out.substring(0, end);
    }
}
